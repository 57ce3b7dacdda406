namespace QuakeDetective.Core.Gold;

/// <summary>The outcome of labelling one subject as gold: success, or a message saying what was wrong.</summary>
public sealed record GoldChangeResult(bool Succeeded, string? Error = null)
{
    public static GoldChangeResult Ok { get; } = new(true);

    public static GoldChangeResult Fail(string error) => new(false, error);
}
