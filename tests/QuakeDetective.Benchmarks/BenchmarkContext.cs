using System.Diagnostics;

namespace QuakeDetective.Benchmarks;

/// <summary>What a benchmark gets: quick mode, a scratch folder, and a place to record named figures.</summary>
public sealed class BenchmarkContext
{
    private readonly List<BenchmarkFigure> _figures = [];

    public BenchmarkContext(bool quick, string scratchFolder)
    {
        Quick = quick;
        ScratchFolder = scratchFolder;
    }

    /// <summary>Smaller inputs and fewer repetitions: a smoke run that finishes in seconds.</summary>
    public bool Quick { get; }

    public string ScratchFolder { get; }

    public IReadOnlyList<BenchmarkFigure> Figures => _figures;

    /// <summary>Records one figure, e.g. Record("seismic.steim2.512.samples_per_s", 2.1e8, "samples/s", target: 1.8e8).</summary>
    public void Record(string name, double value, string unit, double? target = null, bool higherIsBetter = true, string? note = null)
    {
        lock (_figures)
        {
            _figures.Add(new BenchmarkFigure(name, value, unit, target, higherIsBetter, note));
        }

        var verdict = target is null ? "" : (higherIsBetter ? value >= target : value <= target) ? "  [meets target]" : "  [MISSES target]";
        Console.WriteLine($"  {name} = {value:G4} {unit}{(target is null ? "" : $" (target {target:G4})")}{verdict}");
    }

    /// <summary>Best-of-N wall time of an action, in seconds.</summary>
    public static double BestSeconds(int repetitions, Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < repetitions; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }

        return best;
    }
}
