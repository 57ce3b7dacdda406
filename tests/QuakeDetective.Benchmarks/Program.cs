using QuakeDetective.Benchmarks;

// Usage: dotnet run -c Release --project tests/QuakeDetective.Benchmarks -- [--quick] [--out bench-results.json] [filter...]
return await BenchmarkRunner.RunAsync(args);
