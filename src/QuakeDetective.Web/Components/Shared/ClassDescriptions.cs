using QuakeDetective.Core.Domain;

namespace QuakeDetective.Web.Components.Shared;

/// <summary>What each default answer looks and sounds like, for the tutorial and the field guide.</summary>
public static class ClassDescriptions
{
    /// <summary>Plain words for one answer.</summary>
    public sealed record Description(string Looks, string Sounds, string Tip);

    private static readonly Dictionary<string, Description> Known = new(StringComparer.Ordinal)
    {
        [DefaultAnswers.Earthquake] = new(
            "A sudden start (the P wave), a bigger second arrival (the S wave), then a tail (the coda) that fades away smoothly over tens of seconds to minutes.",
            "A thud, crack or boom, then rumbling that dies away.",
            "Look for a sharp start followed by a smooth fade."),
        [DefaultAnswers.Tremor] = new(
            "No sharp start: the signal swells slowly, lasts minutes, and comes in bursts that look alike on every component.",
            "A distant train, a swarm of bees, or popcorn that keeps going.",
            "Tremor is the hardest class: take your time, and listen more than once."),
        [DefaultAnswers.Noise] = new(
            "Nothing stands out of the background: slow ocean swell (microseism), daytime traffic or machinery, scattered small spikes.",
            "Wind, surf or hiss; perhaps a steady hum.",
            "If it sounds the same from start to end, it is probably noise."),
        [DefaultAnswers.NoneOfTheAbove] = new(
            "Something that is not ground motion: a step, a flat dropout, a single huge spike, a square or sine calibration pulse.",
            "A click or a pure tone.",
            "Also choose this when you are not sure: it is better than a guess."),
    };

    /// <summary>The description of a default answer, or null for a campaign's own answers.</summary>
    public static Description? For(string answer) => Known.GetValueOrDefault(answer);

    /// <summary>CSS class suffix for an answer's colour, by its position among the campaign's answers (Okabe–Ito palette).</summary>
    public static string ColourClass(int index) => "answer-" + (Math.Max(index, 0) % 4).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
