using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace QuakeDetective.Benchmarks;

/// <summary>Finds every <see cref="IBenchmark"/>, runs those matching the filters, writes a JSON summary.</summary>
public static class BenchmarkRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var outPath = "bench-results.json";
        var filters = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--out" && i + 1 < args.Length)
            {
                outPath = args[++i];
            }
            else if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                filters.Add(args[i]);
            }
        }

        var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
            .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
            .Where(b => filters.Count == 0 || filters.Any(f => b.Name.StartsWith(f, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToList();

        var scratch = Path.Combine(Path.GetTempPath(), "quake-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(scratch);
        var context = new BenchmarkContext(quick, scratch);
        var failures = new List<string>();
        foreach (var benchmark in benchmarks)
        {
            Console.WriteLine($"{benchmark.Name}{(quick ? " (quick)" : "")}");
            var sw = Stopwatch.StartNew();
            try
            {
                await benchmark.RunAsync(context, CancellationToken.None);
            }
            catch (Exception ex)
            {
                failures.Add($"{benchmark.Name}: {ex.Message}");
                Console.Error.WriteLine($"  FAILED: {ex}");
            }

            Console.WriteLine($"  ({sw.Elapsed.TotalSeconds:F1} s)");
        }

        var summary = new
        {
            machine = new { Environment.ProcessorCount, os = Environment.OSVersion.ToString(), runtime = Environment.Version.ToString() },
            quick,
            createdUtc = DateTime.UtcNow,
            figures = context.Figures,
            failures,
        };
        await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        Console.WriteLine($"Wrote {context.Figures.Count} figures to {Path.GetFullPath(outPath)}");
        try
        {
            Directory.Delete(scratch, recursive: true);
        }
        catch (IOException)
        {
            // A leftover scratch folder in /tmp is harmless.
        }

        return failures.Count == 0 ? 0 : 1;
    }
}
