# The ratios of tools/bench/table_torch.py (leibniz's time over PyTorch's) as
# bars, one pair per case; gnuplot -e "data='...'; out='...png'" torch_ratios.gp
set terminal pngcairo size 1200,520 font ",10" noenhanced
set rmargin 8
set bmargin 7
set output out
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set logscale y 2
set yrange [0.03125:64]
set ylabel "leibniz time / PyTorch time (log scale; below 1: leibniz faster)"
set xtics rotate by -50 scale 0 font ",8"
set grid ytics
set key top left
set arrow from graph 0, first 0.8 to graph 1, first 0.8 nohead lc rgb "red" dt 2
set label "target 0.8" at graph 0.005, first 0.72 tc rgb "red" font ",8"
set title "leibniz against PyTorch, single-threaded (bn: batch norm + ReLU, ln: LayerNorm, ce: softmax cross-entropy, att: attention; d double, f float)"
plot data using 2:xtic(1) title "evaluate_into" lc rgb "#4477aa", \
     ''   using 3 title "emitted kernel" lc rgb "#ee6677"
