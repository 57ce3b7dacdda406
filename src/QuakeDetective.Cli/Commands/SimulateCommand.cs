using System.CommandLine;
using System.Text.Json;
using QuakeDetective.Core.Simulation;

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
        command.Options.Add(subjects);
        command.Options.Add(volunteers);
        command.Options.Add(votesPerSubject);
        command.Options.Add(seed);
        command.Options.Add(json);
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
            if (parse.GetValue(json))
            {
                var report = SimulationReport.ToJson(result);
                stdout.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                stdout.Write(SimulationReport.FormatTable(result));
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
