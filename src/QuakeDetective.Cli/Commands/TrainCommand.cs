using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuakeDetective.Core.Consensus.Csv;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Storage;
using QuakeDetective.Learning;
using QuakeDetective.Learning.Features;
using QuakeDetective.Learning.Prediction;
using QuakeDetective.Learning.Registry;
using QuakeDetective.Learning.Runs;
using QuakeDetective.Learning.Training;
using QuakeDetective.Seismic.Formats;

namespace QuakeDetective.Cli.Commands;

/// <summary>
/// `quake train [--campaign NAME]`: retrain on the consensus labels in the database (a model version per campaign);
/// `quake train --labels CSV --model OUT.zip [--window S --offset S]`: offline, on a CSV of path,label waveform files.
/// </summary>
public static class TrainCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command(
            "train",
            "Train the subject classifier. Without --labels: on each campaign's consensus labels (at or above --confidence) and gold labels " +
            "in the database, registering a new model version (promote it with --promote or on the Models page). With --labels CSV --model OUT.zip: " +
            "offline on waveform files (MiniSEED or SAC) listed as path,label (paths relative to the CSV), writing the model to OUT.zip and its " +
            "metrics beside it (OUT.metrics.json). Metrics are printed as a table, or as JSON with --json.");
        var campaign = new Option<string?>("--campaign") { Description = "Campaign name (default: every campaign)." };
        var labels = new Option<string?>("--labels") { Description = "CSV of path,label rows (a header row 'path,label' is optional)." };
        var model = new Option<string?>("--model") { Description = "Where to write the offline model (.zip)." };
        var window = new Option<double?>("--window") { Description = "Seconds to cut from each file (default: the whole recording)." };
        var offset = new Option<double?>("--offset") { Description = "Seconds from the start of each file to the window (default 0)." };
        var trainer = new Option<string?>("--trainer") { Description = $"{string.Join(", ", TrainerNames.All)} (default: {TrainerAvailability.DefaultTrainer})." };
        var confidence = new Option<double?>("--confidence") { Description = "Minimum consensus confidence of a label (database mode; default 0.7)." };
        var minLabels = new Option<int?>("--min-labels") { Description = "Minimum labels per class (default 10)." };
        var seed = new Option<int>("--seed") { Description = "Random seed of the split and the trainer (default 1).", DefaultValueFactory = _ => 1 };
        var promote = new Option<bool>("--promote") { Description = "Make the new model current and store its predictions (database mode)." };
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON instead of a table." };
        var dataFolder = CommonOptions.DataFolder();
        foreach (var option in new Option[] { campaign, labels, model, window, offset, trainer, confidence, minLabels, seed, promote, json, dataFolder })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            try
            {
                var trainerName = parse.GetValue(trainer);
                if (trainerName is not null && TrainerNames.Normalize(trainerName) is null)
                {
                    throw new CliUserException($"unknown --trainer '{trainerName}'; expected one of: {string.Join(", ", TrainerNames.All)}.");
                }

                var labelsPath = parse.GetValue(labels);
                var modelPath = parse.GetValue(model);
                if (labelsPath is not null || modelPath is not null)
                {
                    if (labelsPath is null || modelPath is null)
                    {
                        throw new CliUserException("offline training needs both --labels CSV and --model OUT.zip.");
                    }

                    if (parse.GetValue(campaign) is not null || parse.GetValue(promote))
                    {
                        throw new CliUserException("--campaign and --promote train from the database; they cannot be combined with --labels.");
                    }

                    var options = new ClassifierTrainingOptions { Trainer = trainerName, Seed = parse.GetValue(seed), MinLabelsPerClass = parse.GetValue(minLabels) ?? 10 };
                    return TrainOffline(labelsPath, modelPath, parse.GetValue(window), parse.GetValue(offset), options, parse.GetValue(json), stdout, stderr, ct);
                }

                if (parse.GetValue(window) is not null || parse.GetValue(offset) is not null)
                {
                    throw new CliUserException("--window and --offset apply to offline training with --labels.");
                }

                var settings = new TrainingRunSettings
                {
                    Trainer = TrainerNames.Normalize(trainerName),
                    ConfidenceThreshold = parse.GetValue(confidence),
                    MinLabelsPerClass = parse.GetValue(minLabels),
                    Seed = parse.GetValue(seed),
                };
                return await TrainFromDatabaseAsync(parse.GetValue(dataFolder), parse.GetValue(campaign), settings, parse.GetValue(promote), parse.GetValue(json), stdout, stderr, ct);
            }
            catch (CliUserException ex)
            {
                stderr.WriteLine($"quake: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static int TrainOffline(string labelsPath, string modelPath, double? window, double? offset, ClassifierTrainingOptions options,
        bool json, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (window is <= 0 || offset is < 0)
        {
            throw new CliUserException("--window must be positive and --offset not negative.");
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CliUserException(ex.Message);
        }

        var rows = ReadLabels(labelsPath, stderr);
        var extractor = new FeatureExtractor();
        var samples = new LabelledSample?[rows.Count];
        var problems = new string?[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var (line, path, label) = rows[i];
            try
            {
                var traces = WindowCutter.Cut(WindowCutter.FirstStation(WaveformReader.ReadFile(path)), window, offset);
                samples[i] = new LabelledSample(path, label, extractor.Extract(traces));
            }
            catch (Exception ex) when (ex is IOException or SeismicFormatException or ArgumentException or UnauthorizedAccessException)
            {
                problems[i] = $"{Path.GetFileName(labelsPath)} line {line}: {Path.GetFileName(path)}: {ex.Message}";
            }
        });
        foreach (var problem in problems.Where(p => p is not null))
        {
            stderr.WriteLine($"quake: skipped {problem}");
        }

        var usable = samples.Where(s => s is not null).Select(s => s!).ToList();
        if (usable.Count == 0)
        {
            throw new CliUserException($"no file listed in {Path.GetFileName(labelsPath)} could be read.");
        }

        var classes = usable.Select(s => s.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (classes.Count < 2)
        {
            throw new CliUserException($"{Path.GetFileName(labelsPath)} has only the label '{classes[0]}'; a classifier needs at least two.");
        }

        TrainingResult result;
        try
        {
            var manifest = new ModelManifest
            {
                Classes = classes,
                FeatureVersion = FeatureSchema.Version,
                FeatureNames = FeatureSchema.Names,
                Trainer = "",
                CreatedAt = DateTime.UtcNow,
                WindowSeconds = window,
                OffsetSeconds = offset,
            };
            result = new ClassifierTrainer().Train(usable, classes, options, null, ct, manifest);
        }
        catch (TooFewLabelsException ex)
        {
            throw new CliUserException(ex.Message);
        }

        try
        {
            result.Classifier.SaveFile(modelPath);
            var metricsPath = Path.ChangeExtension(modelPath, null) + ".metrics.json";
            File.WriteAllText(metricsPath, Report(result, modelPath).ToJsonString(Indented));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUserException($"cannot write the model to {modelPath}: {ex.Message}");
        }

        if (json)
        {
            stdout.WriteLine(Report(result, modelPath).ToJsonString(Indented));
        }
        else
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Trained {TrainerNames.Describe(result.Trainer)} on {usable.Count} files ({string.Join(", ", result.LabelsPerClass.Select(c => $"{c.Key} {c.Value}"))})."));
            stdout.Write(MetricsReport.FormatTable(result.Metrics));
            stdout.WriteLine($"Model written to {modelPath}");
        }

        return 0;
    }

    private static JsonObject Report(TrainingResult result, string modelPath) => new()
    {
        ["model"] = Path.GetFullPath(modelPath),
        ["trainer"] = result.Trainer,
        ["featureVersion"] = result.Classifier.Manifest.FeatureVersion,
        ["labelsPerClass"] = new JsonObject([.. result.LabelsPerClass.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))]),
        ["trainingExamples"] = result.TrainingExamples,
        ["metrics"] = MetricsReport.ToJson(result.Metrics),
    };

    /// <summary>Rows of path,label with paths made absolute (relative to the CSV's folder); an optional header row is skipped.</summary>
    private static List<(int Line, string Path, string Label)> ReadLabels(string csvPath, TextWriter stderr)
    {
        if (!File.Exists(csvPath))
        {
            throw new CliUserException($"cannot read {csvPath}: the file does not exist.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(csvPath))!;
        var rows = new List<(int, string, string)>();
        using var reader = new StreamReader(csvPath);
        var records = new CsvRecordReader(reader);
        var first = true;
        while (records.TryRead(out var record))
        {
            var isHeader = first && record.IsValid && record.Fields.Count >= 2 &&
                           string.Equals(record.Fields[0].Trim(), "path", StringComparison.OrdinalIgnoreCase) &&
                           string.Equals(record.Fields[1].Trim(), "label", StringComparison.OrdinalIgnoreCase);
            first = false;
            if (isHeader || (record.IsValid && record.Fields.All(f => string.IsNullOrWhiteSpace(f))))
            {
                continue;
            }

            if (!record.IsValid || record.Fields.Count < 2 || string.IsNullOrWhiteSpace(record.Fields[0]) || string.IsNullOrWhiteSpace(record.Fields[1]))
            {
                stderr.WriteLine($"quake: skipped {Path.GetFileName(csvPath)} line {record.Line}: {record.Error ?? "expected path,label"}");
                continue;
            }

            rows.Add((record.Line, Path.GetFullPath(Path.Combine(folder, record.Fields[0].Trim())), record.Fields[1].Trim()));
        }

        if (rows.Count == 0)
        {
            throw new CliUserException($"{Path.GetFileName(csvPath)} lists no path,label rows.");
        }

        return rows;
    }

    private static async Task<int> TrainFromDatabaseAsync(string? dataFolder, string? campaignName, TrainingRunSettings settings, bool promote, bool json,
        TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var host = await CliHost.StartAsync(dataFolder, ct);
        await using var services = LearningServices(host.Services);
        List<(int Id, string Name)> campaigns;
        await using (var db = await services.GetRequiredService<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync(ct))
        {
            var all = await db.Campaigns.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
            campaigns = campaignName is null
                ? all.Select(c => (c.Id, c.Name)).ToList()
                : all.Where(c => string.Equals(c.Name, campaignName, StringComparison.OrdinalIgnoreCase)).Select(c => (c.Id, c.Name)).ToList();
            if (campaigns.Count == 0)
            {
                throw new CliUserException(campaignName is null
                    ? "the database has no campaigns."
                    : $"no campaign named '{campaignName}'; campaigns: {string.Join(", ", all.Select(c => $"'{c.Name}'"))}.");
            }
        }

        var pipeline = services.GetRequiredService<TrainingPipeline>();
        var reports = new JsonArray();
        var failures = 0;
        foreach (var (id, name) in campaigns)
        {
            try
            {
                var outcome = await pipeline.RunAsync(id, settings, null, ct);
                var promoted = false;
                if (promote)
                {
                    await services.GetRequiredService<ModelRegistry>().PromoteAsync(outcome.ModelVersion.Id, ct);
                    await services.GetRequiredService<PredictionRefresher>().RefreshAsync(id, null, ct);
                    promoted = true;
                }

                var baseline = outcome.Evaluation.Baseline;
                if (json)
                {
                    reports.Add(new JsonObject
                    {
                        ["campaign"] = name,
                        ["modelVersionId"] = outcome.ModelVersion.Id,
                        ["modelVersion"] = outcome.ModelVersion.Name,
                        ["trainer"] = outcome.ModelVersion.Trainer,
                        ["promoted"] = promoted,
                        ["labelledSubjects"] = outcome.Summary.LabelledSubjects,
                        ["metrics"] = MetricsReport.ToJson(outcome.Evaluation.Metrics),
                        ["baseline"] = baseline?.Metrics is { } b ? MetricsReport.ToJson(b) : null,
                    });
                }
                else
                {
                    stdout.WriteLine($"Campaign '{name}': model {outcome.ModelVersion.Name} ({TrainerNames.Describe(outcome.ModelVersion.Trainer)}) on {outcome.Summary.LabelledSubjects} labelled subjects" +
                                     (promoted ? ", promoted to current" : "; promote it with --promote or on the Models page"));
                    stdout.Write(MetricsReport.FormatTable(outcome.Evaluation.Metrics, baseline?.Metrics, baseline?.Name));
                    stdout.WriteLine();
                }
            }
            catch (Exception ex) when (ex is TooFewLabelsException or ArgumentException or InvalidOperationException)
            {
                failures++;
                stderr.WriteLine($"quake: campaign '{name}': {ex.Message}");
            }
        }

        if (json && reports.Count > 0)
        {
            stdout.WriteLine(reports.ToJsonString(Indented));
        }

        return failures == campaigns.Count ? 1 : 0;
    }

    /// <summary>The Learning services on top of the CLI host's database, data folder and configuration (no background worker).</summary>
    private static ServiceProvider LearningServices(IServiceProvider host)
    {
        var services = new ServiceCollection();
        services.AddSingleton(host.GetRequiredService<IDbContextFactory<QuakeDbContext>>());
        services.AddSingleton(host.GetRequiredService<WaveformStore>());
        services.AddSingleton(host.GetRequiredService<DataFolder>());
        services.AddSingleton(host.GetRequiredService<TimeProvider>());
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddQuakeLearningServices();
        services.Configure<LearningOptions>(host.GetRequiredService<IConfiguration>().GetSection(LearningOptions.SectionName));
        return services.BuildServiceProvider();
    }
}
