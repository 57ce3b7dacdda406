using System.Diagnostics;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Consensus.Csv;
using QuakeDetective.Core.Simulation;

namespace QuakeDetective.Benchmarks.Consensus;

/// <summary>
/// Aggregation of a simulated campaign: 1,000,000 votes (100,000 subjects × 10, 5,000 volunteers, 4 classes),
/// 100,000 in quick mode. Targets (full size, one core): Dawid–Skene under 2 s, majority under 0.3 s.
/// Also the cost of interning the votes and of reading them from CSV, which the live path and the CLI pay once.
/// </summary>
public sealed class AggregationBenchmark : IBenchmark
{
    public string Name => "consensus.aggregation";

    public Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var subjects = context.Quick ? 10_000 : 100_000;
        var volunteers = context.Quick ? 500 : 5_000;
        var repetitions = context.Quick ? 2 : 3;
        var full = !context.Quick;
        var campaign = new CampaignSimulator(new CampaignSimulationOptions { Subjects = subjects, Volunteers = volunteers, VotesPerSubject = 10, Seed = 1 })
            .Generate(cancellationToken);
        var votes = campaign.VoteSet;
        var prefix = $"consensus.{votes.VoteCount / 1000}k_votes";
        Console.WriteLine($"  {votes.VoteCount} votes, {votes.SubjectCount} subjects, {votes.VolunteerCount} volunteers, {votes.ClassCount} classes");

        context.Record($"{prefix}.voteset_build_s", BenchmarkContext.BestSeconds(repetitions, () => VoteSet.Create(campaign.Votes, campaign.Classes)), "s", higherIsBetter: false);

        var majority = new MajorityVoteAggregator();
        context.Record($"{prefix}.majority_s", BenchmarkContext.BestSeconds(repetitions, () => majority.Aggregate(votes, campaign.Gold, cancellationToken)), "s", target: full ? 0.3 : null, higherIsBetter: false);

        var weighted = new WeightedVoteAggregator();
        context.Record($"{prefix}.weighted_s", BenchmarkContext.BestSeconds(repetitions, () => weighted.Aggregate(votes, campaign.Gold, cancellationToken)), "s", higherIsBetter: false);

        var dawidSkene = new DawidSkeneAggregator();
        AggregationResult? result = null;
        var seconds = BenchmarkContext.BestSeconds(repetitions, () => result = dawidSkene.Aggregate(votes, campaign.Gold, cancellationToken));
        context.Record($"{prefix}.dawid_skene_s", seconds, "s", target: full ? 2.0 : null, higherIsBetter: false, note: $"{result!.Iterations} EM iterations, converged: {result.Converged}");
        context.Record($"{prefix}.dawid_skene_iteration_ms", seconds * 1000 / result.Iterations, "ms", higherIsBetter: false);
        context.Record($"{prefix}.dawid_skene_accuracy", CampaignSimulator.Score(campaign, result).Accuracy, "share", note: "vs majority " + CampaignSimulator.Score(campaign, majority.Aggregate(votes, campaign.Gold, cancellationToken)).Accuracy.ToString("F4", System.Globalization.CultureInfo.InvariantCulture));

        // Reading the same votes back from CSV, as `quake aggregate` does.
        var path = Path.Combine(context.ScratchFolder, "votes.csv");
        using (var writer = new StreamWriter(path))
        {
            var csv = new CsvWriter(writer);
            csv.Record("subject_id", "volunteer_id", "label");
            foreach (var vote in campaign.Votes)
            {
                csv.Record(vote.SubjectId, vote.VolunteerId, vote.Label);
            }
        }

        var read = Stopwatch.StartNew();
        var rows = VoteCsvReader.ReadFile(path, cancellationToken).Votes.Count;
        context.Record($"{prefix}.csv_read_votes_per_s", rows / read.Elapsed.TotalSeconds, "votes/s");
        return Task.CompletedTask;
    }
}
