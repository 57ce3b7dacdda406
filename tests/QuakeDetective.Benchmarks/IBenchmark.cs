namespace QuakeDetective.Benchmarks;

/// <summary>One named group of measurements. Add a class implementing this under a folder per area; it is found by reflection.</summary>
public interface IBenchmark
{
    /// <summary>Short name, e.g. "seismic.steim2"; command-line filters match its start.</summary>
    string Name { get; }

    Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken);
}
