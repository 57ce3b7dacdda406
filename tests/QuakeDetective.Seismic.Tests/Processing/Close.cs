namespace QuakeDetective.Seismic.Tests.Processing;

/// <summary>Array comparison with the reference README's tolerance: |got − ref| ≤ rel·max|ref| + 1e-12.</summary>
internal static class Close
{
    public const double ReferenceTolerance = 1e-7;

    public static void Arrays(double[] expected, double[] actual, double relative = ReferenceTolerance, string what = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        var max = 0.0;
        foreach (var v in expected)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        var limit = relative * max + 1e-12;
        var worst = -1;
        var worstError = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= limit) && (worst < 0 || error > worstError || double.IsNaN(error)))
            {
                worst = i;
                worstError = error;
            }
        }

        Assert.True(
            worst < 0,
            worst < 0 ? "" : $"{what} sample {worst}: expected {expected[worst]:R}, got {actual[worst]:R} (|error| {worstError:G3} > limit {limit:G3}).");
    }

    public static void Matrices(double[,] expected, double[,] actual, double relative, string what = "")
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        Arrays(Flatten(expected), Flatten(actual), relative, what);
    }

    public static double[] Flatten(double[,] m)
    {
        var result = new double[m.Length];
        var i = 0;
        foreach (var v in m)
        {
            result[i++] = v;
        }

        return result;
    }
}
