using System.CommandLine;
using System.Text.Json;
using QuakeDetective.Core.Simulation;
using QuakeDetective.Learning.Simulation;

namespace QuakeDetective.Cli.Commands;

/// <summary>`quake simulate --subjects N --volunteers M --votes-per-subject R [--seed S] [--json]`: a synthetic campaign end to end.</summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var defaults = new CampaignSimulationOptions();
        var command = new Command(
            "simulate",
            "Simulate a campaign: subjects with true classes (noise common, tremor rare), volunteers of varied skill and activity " +
            "(including careless ones), their votes, and the accuracy of every aggregation method against the truth.");
        var subjects = new Option<int>("--subjects") { Description = $"Number of subjects (default {defaults.Subjects}).", DefaultValueFactory = _ => defaults.Subjects };
        var volunteers = new Option<int>("--volunteers") { Description = $"Number of volunteers (default {defaults.Volunteers}).", DefaultValueFactory = _ => defaults.Volunteers };
        var votesPerSubject = new Option<int>("--votes-per-subject") { Description = $"Votes per subject, each by a different volunteer (default {defaults.VotesPerSubject}).", DefaultValueFactory = _ => defaults.VotesPerSubject };
        var seed = new Option<int>("--seed") { Description = $"Random seed; the same seed gives the same campaign (default {defaults.Seed}).", DefaultValueFactory = _ => defaults.Seed };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var classifierSubjects = new Option<int>("--classifier-subjects")
        {
            Description = "Subjects that get a generated waveform for the classifier comparison (trained on true vs consensus labels); 0 skips it (default 600).",
            DefaultValueFactory = _ => 600,
        };
        var classifierWindow = new Option<double>("--classifier-window") { Description = "Seconds of each generated waveform, at 40 Hz (default 120).", DefaultValueFactory = _ => 120 };
        command.Options.Add(subjects);
        command.Options.Add(volunteers);
        command.Options.Add(votesPerSubject);
        command.Options.Add(seed);
        command.Options.Add(json);
        command.Options.Add(classifierSubjects);
        command.Options.Add(classifierWindow);
        command.SetAction((parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var options = defaults with
            {
                Subjects = parse.GetValue(subjects),
                Volunteers = parse.GetValue(volunteers),
                VotesPerSubject = parse.GetValue(votesPerSubject),
                Seed = parse.GetValue(seed),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                stderr.WriteLine($"quake: {ex.Message}");
                return Task.FromResult(1);
            }

            var result = new CampaignSimulator(options).Run(cancellationToken: ct);

            // Extension point: later stages (classifier training and metrics on generated waveforms of
            // result.Campaign.Subjects, labelled by result.ConsensusLabels(method)) add their section here,
            // to the JSON object and after the table.
            CrowdNoiseResult? classifier = null;
            var withClassifier = parse.GetValue(classifierSubjects);
            var window = parse.GetValue(classifierWindow);
            if (withClassifier < 0 || !(window >= 10 && window <= 86_400))
            {
                stderr.WriteLine("quake: --classifier-subjects must be 0 or more and --classifier-window between 10 and 86400 seconds.");
                return Task.FromResult(1);
            }

            if (withClassifier > 0)
            {
                classifier = CrowdNoiseCost.Run(result, new CrowdNoiseOptions { Subjects = withClassifier, WindowSeconds = window }, ct);
            }

            if (parse.GetValue(json))
            {
                var report = SimulationReport.ToJson(result);
                if (classifier is not null)
                {
                    report["classifier"] = CrowdNoiseCost.ToJson(classifier);
                }

                stdout.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                stdout.Write(SimulationReport.FormatTable(result));
                if (classifier is not null)
                {
                    stdout.WriteLine();
                    stdout.Write(CrowdNoiseCost.FormatTable(classifier));
                }
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
