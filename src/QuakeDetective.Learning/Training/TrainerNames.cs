namespace QuakeDetective.Learning.Training;

/// <summary>The multiclass trainers that can be chosen (command line, Models page, API settings).</summary>
public static class TrainerNames
{
    /// <summary>Gradient-boosted trees (LightGBM, native library); the default where it loads.</summary>
    public const string LightGbm = "lightgbm";

    /// <summary>ML.NET's own boosted trees, one-versus-all (managed code; the fallback default).</summary>
    public const string FastTree = "fasttree";

    /// <summary>Multinomial logistic regression (L-BFGS) on normalised features.</summary>
    public const string Lbfgs = "lbfgs";

    /// <summary>Maximum-entropy classifier trained with SDCA on normalised features.</summary>
    public const string Sdca = "sdca";

    public static IReadOnlyList<string> All { get; } = [LightGbm, FastTree, Lbfgs, Sdca];

    /// <summary>Canonical name, or null for an unknown trainer.</summary>
    public static string? Normalize(string? name) =>
        All.FirstOrDefault(n => string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Describe(string name) => name switch
    {
        LightGbm => "LightGBM boosted trees",
        FastTree => "FastTree boosted trees (one-versus-all)",
        Lbfgs => "Logistic regression (L-BFGS)",
        Sdca => "Maximum entropy (SDCA)",
        _ => name,
    };
}
