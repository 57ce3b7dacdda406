using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace QuakeDetective.Core.Simulation;

/// <summary>
/// Human and machine renderings of a simulation: a text table and a JSON object. The JSON is a mutable
/// <see cref="JsonObject"/> so that later stages (e.g. classifier metrics) can add their own section
/// before it is written.
/// </summary>
public static class SimulationReport
{
    public static string FormatTable(CampaignSimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var campaign = result.Campaign;
        var options = campaign.Options;
        var classes = campaign.Classes;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Simulated campaign: {options.Subjects} subjects, {options.Volunteers} volunteers, {options.VotesPerSubject} votes per subject, seed {options.Seed}"));
        text.AppendLine(Invariant($"{campaign.VoteSet.VoteCount} votes; {campaign.Gold.Count} gold subjects (accuracy is measured on the other {result.Methods.FirstOrDefault()?.EvaluatedSubjects ?? 0})"));
        var shares = TrueClassShares(campaign);
        text.AppendLine("True classes: " + string.Join(", ", classes.Select(c => Invariant($"{c} {shares[c]:P1}"))));
        text.AppendLine("Mean volunteer F1 against the truth: " + string.Join(", ", classes.Select(c => $"{c} {Format(result.MeanVolunteerF1[c])}")));
        text.AppendLine();

        var headers = new List<string> { "method", "accuracy" };
        headers.AddRange(classes);
        headers.Add("iterations");
        var rows = result.Methods.Select(m =>
        {
            var row = new List<string> { m.Method, Format(m.Accuracy) };
            row.AddRange(classes.Select(c => Format(m.PerClass[c])));
            row.Add(m.Iterations == 0 ? "-" : Invariant($"{m.Iterations}{(m.Converged ? "" : " (cap)")}"));
            return row;
        }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        text.AppendLine(string.Join("  ", headers.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((v, i) => i == 0 ? v.PadRight(widths[i]) : v.PadLeft(widths[i]))).TrimEnd());
        }

        text.AppendLine("(per class: share of that class's subjects labelled rightly)");
        return text.ToString();
    }

    /// <summary>camelCase JSON: the settings, the campaign's make-up and an "aggregation" array with one entry per method.</summary>
    public static JsonObject ToJson(CampaignSimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var campaign = result.Campaign;
        var options = campaign.Options;
        var shares = TrueClassShares(campaign);
        var aggregation = new JsonArray();
        foreach (var m in result.Methods)
        {
            var perClass = new JsonObject();
            foreach (var c in campaign.Classes)
            {
                perClass[c] = m.PerClass[c];
            }

            aggregation.Add(new JsonObject
            {
                ["method"] = m.Method,
                ["accuracy"] = m.Accuracy,
                ["perClass"] = perClass,
                ["evaluatedSubjects"] = m.EvaluatedSubjects,
                ["iterations"] = m.Iterations,
                ["converged"] = m.Converged,
            });
        }

        var f1 = new JsonObject();
        var share = new JsonObject();
        foreach (var c in campaign.Classes)
        {
            f1[c] = result.MeanVolunteerF1[c];
            share[c] = shares[c];
        }

        return new JsonObject
        {
            ["subjects"] = options.Subjects,
            ["volunteers"] = options.Volunteers,
            ["votesPerSubject"] = options.VotesPerSubject,
            ["seed"] = options.Seed,
            ["votes"] = campaign.VoteSet.VoteCount,
            ["goldSubjects"] = campaign.Gold.Count,
            ["classes"] = new JsonArray([.. campaign.Classes.Select(c => (JsonNode?)c)]),
            ["trueClassShare"] = share,
            ["meanVolunteerF1"] = f1,
            ["aggregation"] = aggregation,
        };
    }

    private static Dictionary<string, double> TrueClassShares(SimulatedCampaign campaign) =>
        campaign.Classes.ToDictionary(
            c => c,
            c => campaign.Subjects.Count(s => s.TrueLabel == c) / (double)Math.Max(1, campaign.Subjects.Count),
            StringComparer.Ordinal);

    private static string Format(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
