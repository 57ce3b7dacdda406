using System.Globalization;
using System.Text.Json;
using QuakeDetective.Tests;

namespace QuakeDetective.Seismic.Tests.Formats;

/// <summary>Loads shared/data/seismic/reference_values.json (libmseed and NumPy decodes of every test file) once.</summary>
internal static class ReferenceValues
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(SharedData.Require("seismic/reference_values.json"))));

    public const string Missing = "(shared data missing)";

    /// <summary>Every file under seismic/mseed and seismic/sac, relative to seismic/; one placeholder when the data is absent.</summary>
    public static TheoryData<string> FilesUnder(string folder)
    {
        var data = new TheoryData<string>();
        var root = SharedData.RootOrNull;
        var dir = root is null ? null : Path.Combine(root, "seismic", folder);
        if (dir is null || !Directory.Exists(dir))
        {
            data.Add(Missing);
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Path.Combine(root!, "seismic"), file).Replace('\\', '/'));
        }

        return data;
    }

    /// <summary>Full path of a file under seismic/ (skips the test when the shared data is absent).</summary>
    public static string PathOf(string relative) =>
        SharedData.Require(relative == Missing ? "seismic/reference_values.json" : "seismic/" + relative);

    public static JsonElement Entry(string relative)
    {
        PathOf(relative);
        Assert.True(Document.Value.RootElement.TryGetProperty(relative, out var entry), $"reference_values.json has no entry for {relative}");
        return entry;
    }

    public static double Number(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? double.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : element.GetDouble();
}
