using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QuakeDetective.Core.Import;
using QuakeDetective.Seismic.Windowing;
using Spectre.Console;

namespace QuakeDetective.Cli.Commands;

/// <summary>
/// `quake import PATH... --campaign NAME [--window S] [--step S] [--events CSV] [--stations CSV]`: reads MiniSEED and
/// SAC files or folders into a campaign (created with defaults when missing). A progress bar on a terminal, a plain
/// summary when the output is redirected. Damaged files are listed with the byte offset and skipped; the exit code is
/// non-zero only when nothing could be imported.
/// </summary>
public static class ImportCommand
{
    private const int ListedSkippedWindows = 10;

    public static Command Create()
    {
        var command = new Command("import", "Import MiniSEED/SAC files or folders (recursively) into a campaign: 3-component windows, preprocessed and stored, become subjects.");
        var paths = new Argument<string[]>("PATH") { Description = "Waveform files or folders (searched recursively).", Arity = ArgumentArity.OneOrMore };
        var campaign = new Option<string>("--campaign") { Description = "Campaign to import into; created with default settings when it does not exist.", Required = true };
        var window = new Option<double?>("--window") { Description = "Window length in seconds (default: the campaign's, 2000 s for a new campaign)." };
        var step = new Option<double?>("--step") { Description = "Seconds between fixed window starts (default: the campaign's, else back to back)." };
        var events = new Option<string?>("--events")
        {
            Description = "Events CSV (time,latitude,longitude,depth,magnitude[,id]; USGS/FDSN exports work): one window per event from the surface-wave arrival instead of fixed windows.",
        };
        var stations = new Option<string?>("--stations") { Description = "Stations CSV (network,station,latitude,longitude[,elevation]) for event distances; SAC headers are used otherwise." };
        var partial = new Option<bool>("--partial") { Description = "Import the readable records of damaged files instead of skipping them." };
        var minCoverage = new Option<double>("--min-coverage")
        {
            Description = "Fraction of a window that must have vertical data (windows with bigger gaps are skipped).",
            DefaultValueFactory = _ => WindowCutter.DefaultMinCoverage,
        };
        var dataFolder = CommonOptions.DataFolder();
        command.Arguments.Add(paths);
        foreach (var option in new Option[] { campaign, window, step, events, stations, partial, minCoverage, dataFolder })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            try
            {
                var request = new ImportRequest
                {
                    CampaignName = parse.GetValue(campaign)!,
                    Paths = parse.GetValue(paths) ?? [],
                    WindowSeconds = parse.GetValue(window),
                    StepSeconds = parse.GetValue(step),
                    Events = parse.GetValue(events) is { } e ? ReadCsv(e, EventCsvReader.ReadFile, "events") : null,
                    Stations = parse.GetValue(stations) is { } s ? ReadCsv(s, StationCsvReader.ReadFile, "stations") : null,
                    AcceptPartialFiles = parse.GetValue(partial),
                    MinCoverage = parse.GetValue(minCoverage),
                };
                try
                {
                    request.Validate();
                }
                catch (ImportRequestException ex)
                {
                    throw new CliUserException(ex.Message);
                }

                using var host = await CliHost.StartAsync(parse.GetValue(dataFolder), cancellationToken);
                var service = host.Services.GetRequiredService<ImportService>();
                var output = parse.InvocationConfiguration.Output;
                var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
                ImportResult result;
                try
                {
                    result = interactive
                        ? await RunWithProgressBarAsync(service, request, cancellationToken)
                        : await service.ImportAsync(request, null, cancellationToken);
                }
                catch (ImportRequestException ex)
                {
                    throw new CliUserException(ex.Message);
                }

                WriteSummary(output, result);
                foreach (var failed in result.Files.Where(f => f.Status == ImportFileStatus.Failed))
                {
                    await stderr.WriteLineAsync($"quake: skipped {failed.FirstProblem ?? failed.Path}");
                }

                if (result.Cancelled)
                {
                    return 130;
                }

                if (result.Files.Count == 0)
                {
                    throw new CliUserException($"no waveform files found in {string.Join(", ", request.Paths)}");
                }

                var usable = result.Files.Any(f => f.Status is ImportFileStatus.Imported or ImportFileStatus.AlreadyImported or ImportFileStatus.NoSubjects);
                return usable ? 0 : 1;
            }
            catch (CliUserException ex)
            {
                await stderr.WriteLineAsync($"quake: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static IReadOnlyList<T> ReadCsv<T>(string path, Func<string, CsvReadResult<T>> read, string what)
    {
        if (!File.Exists(path))
        {
            throw new CliUserException($"{what} file '{path}' does not exist");
        }

        var result = read(path);
        if (result.HasErrors)
        {
            var more = result.Errors.Count > 1 ? $" (and {result.Errors.Count - 1} more problem(s); fix the file and run again)" : " (fix the file and run again)";
            throw new CliUserException(result.Errors[0] + more);
        }

        return result.Items;
    }

    private static async Task<ImportResult> RunWithProgressBarAsync(ImportService service, ImportRequest request, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Reading files", maxValue: 100);
                var progress = new CallbackProgress<ImportProgress>(p =>
                {
                    task.Description = Markup.Escape($"{p.Stage}: {p.FilesDone}/{p.FilesTotal} files, {p.SubjectsCreated} subjects");
                    task.Value = p.Fraction * 100;
                });
                var result = await service.ImportAsync(request, progress, cancellationToken);
                task.Value = 100;
                task.Description = Markup.Escape($"done: {result.SubjectsCreated} subjects");
                return result;
            });
    }

    internal static void WriteSummary(TextWriter output, ImportResult result)
    {
        if (result.CampaignCreated)
        {
            output.WriteLine($"Campaign '{result.CampaignName}' did not exist: created it (id {result.CampaignId}) with default settings. Change them on the site's admin pages.");
        }

        output.WriteLine($"Windows: {result.Settings}");
        var width = Math.Min(60, result.Files.Select(f => f.Path.Length).DefaultIfEmpty(10).Max());
        foreach (var file in result.Files)
        {
            var status = file.Status switch
            {
                ImportFileStatus.Imported => "imported",
                ImportFileStatus.AlreadyImported => "already imported",
                ImportFileStatus.NoSubjects => "no subjects",
                ImportFileStatus.Failed => "FAILED",
                _ => "not started",
            };
            var detail = file.Status switch
            {
                ImportFileStatus.Imported => $"{file.SubjectCount} subject{(file.SubjectCount == 1 ? "" : "s")}",
                _ => WithoutPath(file.FirstProblem ?? "", file.Path),
            };
            output.WriteLine($"  {status,-16} {file.Path.PadRight(width)}  {detail}");
            if (file.Status == ImportFileStatus.Imported)
            {
                foreach (var warning in file.Problems)
                {
                    output.WriteLine($"  {"",-16} {"".PadRight(width)}  warning: {WithoutPath(warning, file.Path)}");
                }
            }
        }

        if (result.SkippedWindowCount > 0)
        {
            output.WriteLine($"Skipped windows: {result.SkippedWindowCount}{(result.SkippedWindowCount > ListedSkippedWindows ? $" (first {ListedSkippedWindows})" : "")}");
            foreach (var skipped in result.SkippedWindows.Take(ListedSkippedWindows))
            {
                output.WriteLine($"  {skipped.Reason}");
            }
        }

        foreach (var note in result.Notes)
        {
            output.WriteLine($"Note: {note}");
        }

        output.WriteLine($"{result.Summary} in {result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
    }

    private static string WithoutPath(string problem, string path) =>
        problem.StartsWith(path + ": ", StringComparison.Ordinal) ? problem[(path.Length + 2)..] : problem;

    /// <summary>Reports synchronously on the reporting thread (Progress&lt;T&gt; would post to the thread pool and reorder).</summary>
    private sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
