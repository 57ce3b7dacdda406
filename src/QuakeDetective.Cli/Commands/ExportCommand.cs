using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Exports;
using Spectre.Console;

namespace QuakeDetective.Cli.Commands;

/// <summary>`quake export --campaign NAME --format consensus-csv|consensus-json|votes-csv|seisbench --out PATH`: scientist exports from the database.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var command = new Command(
            "export",
            "Export a campaign from the database, streamed (memory does not grow with the campaign) and written under a temporary name, " +
            "then moved into place. consensus-csv / consensus-json: one row per subject (label, confidence, agreement, votes per answer, " +
            "retirement, gold label, model prediction). votes-csv: every vote in the column layout of Zooniverse's classification export. " +
            "seisbench: a SeisBench dataset folder (metadata.csv + waveforms.hdf5) of the labelled windows. Volunteers appear as " +
            "pseudonyms drawn for this export only.");
        var campaign = new Option<string>("--campaign") { Description = "Campaign name (as on the site).", Required = true };
        var format = new Option<string>("--format") { Description = "consensus-csv, consensus-json, votes-csv or seisbench.", Required = true };
        var output = new Option<string>("--out") { Description = "Output file (a folder for seisbench: new, empty, or an earlier SeisBench export, which is replaced).", Required = true };
        var method = new Option<string?>("--method") { Description = "Consensus method for the label columns: majority, weighted or dawid-skene (default: the campaign's primary method)." };
        var dataFolder = CommonOptions.DataFolder();
        command.Options.Add(campaign);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(method);
        command.Options.Add(dataFolder);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            try
            {
                if (!ExportFormats.TryParse(parse.GetRequiredValue(format), out var exportFormat))
                {
                    throw new CliUserException($"unknown --format '{parse.GetRequiredValue(format)}'; use one of: {string.Join(", ", ExportFormats.Names)}");
                }

                var chosenMethod = parse.GetValue(method)?.Trim().ToLowerInvariant();
                if (chosenMethod is not null && !AggregationMethods.All.Contains(chosenMethod))
                {
                    throw new CliUserException($"unknown --method '{chosenMethod}'; use one of: {string.Join(", ", AggregationMethods.All)}");
                }

                using var host = await CliHost.StartAsync(parse.GetValue(dataFolder), cancellationToken);
                var exports = host.Services.GetRequiredService<ExportService>();
                var name = parse.GetRequiredValue(campaign);
                var campaignId = await exports.FindCampaignAsync(name, cancellationToken)
                                 ?? throw new CliUserException($"no campaign named '{name}' (names are case-sensitive; the site's Results page lists them)");

                // A consensus export reads the rows the site keeps up to date, except Dawid–Skene, which is estimated in the
                // background: estimate it now when asked for it and it is missing or stale.
                if (chosenMethod == AggregationMethods.DawidSkene)
                {
                    var jobs = host.Services.GetRequiredService<ConsensusJobs>();
                    if (await jobs.IsDueAsync(campaignId, cancellationToken) && await jobs.EnqueueAsync(campaignId, null, "quake export", cancellationToken) is long jobId)
                    {
                        await stderr.WriteLineAsync("Estimating Dawid–Skene first (its consensus was older than the last vote)…");
                        await jobs.RunAsync(jobId, cancellationToken);
                    }
                }

                var request = new ExportRequest(campaignId, exportFormat, chosenMethod);
                var path = parse.GetRequiredValue(output);
                var interactive = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
                ExportSummary summary;
                try
                {
                    summary = interactive
                        ? await RunWithProgressBarAsync(exports, request, path, cancellationToken)
                        : await exports.WriteToPathAsync(request, path, null, cancellationToken);
                }
                catch (ArgumentException ex)
                {
                    throw new CliUserException(ex.Message);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CliUserException($"cannot write '{path}': {ex.Message}");
                }

                await stdout.WriteLineAsync($"Exported {ExportFormats.NameOf(exportFormat)} of '{name}' to {path}: {summary}.");
                return 0;
            }
            catch (CliUserException ex)
            {
                await stderr.WriteLineAsync($"quake: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<ExportSummary> RunWithProgressBarAsync(ExportService exports, ExportRequest request, string path, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Exporting", maxValue: 100);
                var progress = new InlineProgress<ExportProgress>(p =>
                {
                    task.Description = Markup.Escape($"{p.Stage}: {p.Done:N0}/{p.Total:N0}");
                    task.Value = p.Percent;
                });
                var summary = await exports.WriteToPathAsync(request, path, progress, cancellationToken);
                task.Value = 100;
                return summary;
            });
    }
}
