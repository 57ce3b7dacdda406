namespace QuakeDetective.Core.Queue;

/// <summary>The chance part of one queue decision, drawn before any candidate is fetched.</summary>
/// <param name="Gold">Show an expert-labelled subject this time (if one is left).</param>
/// <param name="Random">Otherwise pick at random among eligible subjects instead of by order.</param>
public readonly record struct QueueDraw(bool Gold, bool Random);
