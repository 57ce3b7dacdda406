using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace QuakeDetective.Learning.Training;

/// <summary>Metrics as a text table (for terminals) and as JSON.</summary>
public static class MetricsReport
{
    public static string FormatTable(ClassifierMetrics metrics, ClassifierMetrics? baseline = null, string? baselineName = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{metrics.Evaluation}, {metrics.Examples} examples"));
        text.AppendLine(Invariant($"accuracy {metrics.Accuracy:0.000}   macro-F1 {metrics.MacroF1:0.000}   log-loss {metrics.LogLoss:0.000}"));
        if (baseline is not null)
        {
            text.AppendLine(Invariant($"{baselineName ?? "current model"} on the same examples: accuracy {baseline.Accuracy:0.000}   macro-F1 {baseline.MacroF1:0.000}   log-loss {baseline.LogLoss:0.000}"));
        }

        var width = Math.Max(5, metrics.Classes.Max(c => c.Length));
        text.AppendLine();
        text.AppendLine($"{"class".PadRight(width)}  precision  recall     f1  support");
        foreach (var c in metrics.PerClass)
        {
            text.AppendLine(Invariant($"{c.Label.PadRight(width)}  {c.Precision,9:0.000}  {c.Recall,6:0.000}  {c.F1,5:0.000}  {c.Support,7}"));
        }

        text.AppendLine();
        text.AppendLine("confusion matrix (rows true class, columns predicted):");
        var columns = metrics.Classes.Select(c => Math.Max(c.Length, 5)).ToArray();
        text.AppendLine(new string(' ', width) + "  " + string.Join("  ", metrics.Classes.Select((c, i) => c.PadLeft(columns[i]))));
        for (var r = 0; r < metrics.Classes.Count; r++)
        {
            text.AppendLine(metrics.Classes[r].PadRight(width) + "  " + string.Join("  ", metrics.Confusion[r].Select((n, i) => n.ToString(CultureInfo.InvariantCulture).PadLeft(columns[i]))));
        }

        return text.ToString();
    }

    public static JsonObject ToJson(ClassifierMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var perClass = new JsonObject();
        foreach (var c in metrics.PerClass)
        {
            perClass[c.Label] = new JsonObject { ["precision"] = c.Precision, ["recall"] = c.Recall, ["f1"] = c.F1, ["support"] = c.Support };
        }

        return new JsonObject
        {
            ["evaluation"] = metrics.Evaluation,
            ["examples"] = metrics.Examples,
            ["accuracy"] = metrics.Accuracy,
            ["macroF1"] = metrics.MacroF1,
            ["logLoss"] = metrics.LogLoss,
            ["classes"] = new JsonArray([.. metrics.Classes.Select(c => (JsonNode?)c)]),
            ["perClass"] = perClass,
            ["confusion"] = new JsonArray([.. metrics.Confusion.Select(r => (JsonNode?)new JsonArray([.. r.Select(n => (JsonNode?)n)]))]),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
