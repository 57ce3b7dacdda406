using System.Text.Json;
using QuakeDetective.Tests;

namespace QuakeDetective.Seismic.Tests.Processing;

/// <summary>
/// Reads shared/data/dsp/reference.json (SciPy outputs on a fixed input; see its README). Each call skips the test
/// when the shared data is absent (fails when CI=true).
/// </summary>
internal static class DspReference
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(SharedData.Require("dsp/reference.json"))));

    private static JsonElement Root
    {
        get
        {
            // Require first so that a missing file skips instead of surfacing as a Lazy exception.
            SharedData.Require("dsp/reference.json");
            return Document.Value.RootElement;
        }
    }

    public static double SampleRate => Root.GetProperty("input").GetProperty("fs_hz").GetDouble();

    public static double[] Input() => ToArray(Root.GetProperty("input").GetProperty("data"));

    /// <summary>The expected output array named <paramref name="name"/>.</summary>
    public static double[] Output(string name) => ToArray(Root.GetProperty("outputs").GetProperty(name).GetProperty("data"));

    /// <summary>The array <paramref name="name"/> was computed from (outputs.X.input), so each operation is tested alone.</summary>
    public static double[] InputOf(string name)
    {
        var source = Root.GetProperty("outputs").GetProperty(name).GetProperty("input").GetString()!;
        return source == "input" ? Input() : Output(source);
    }

    public static JsonElement OutputElement(string name) => Root.GetProperty("outputs").GetProperty(name);

    public static double[,] Matrix(string filter, string property)
    {
        var rows = Root.GetProperty("filters").GetProperty(filter).GetProperty(property);
        var result = new double[rows.GetArrayLength(), rows[0].GetArrayLength()];
        var r = 0;
        foreach (var row in rows.EnumerateArray())
        {
            var c = 0;
            foreach (var v in row.EnumerateArray())
            {
                result[r, c++] = v.GetDouble();
            }

            r++;
        }

        return result;
    }

    public static double[] Taps(string filter) => ToArray(Root.GetProperty("filters").GetProperty(filter).GetProperty("taps"));

    public static int PadLength(string filter) => Root.GetProperty("filters").GetProperty(filter).GetProperty("sosfiltfilt_padlen").GetInt32();

    public static double[] ToArray(JsonElement array)
    {
        var result = new double[array.GetArrayLength()];
        var i = 0;
        foreach (var v in array.EnumerateArray())
        {
            result[i++] = v.GetDouble();
        }

        return result;
    }
}
