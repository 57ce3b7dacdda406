namespace QuakeDetective.Core.Domain;

/// <summary>The answer choices of the original Earthquake Detective project.</summary>
public static class DefaultAnswers
{
    public const string Earthquake = "Earthquake";
    public const string Tremor = "Tremor";
    public const string Noise = "Noise";
    public const string NoneOfTheAbove = "None of the above";

    public static IReadOnlyList<string> All { get; } = [Earthquake, Tremor, Noise, NoneOfTheAbove];
}
