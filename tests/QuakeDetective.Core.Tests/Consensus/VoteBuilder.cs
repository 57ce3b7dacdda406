using QuakeDetective.Core.Consensus;

namespace QuakeDetective.Core.Tests.Consensus;

/// <summary>Short hand for small vote sets: "subject volunteer label" triples.</summary>
internal static class VoteBuilder
{
    public static VoteSet Votes(string[]? classes, params (string Subject, string Volunteer, string Label)[] votes) =>
        VoteSet.Create(votes.Select(v => new Vote(v.Subject, v.Volunteer, v.Label)), classes);

    public static GoldLabels GoldOf(params (string Subject, string Label)[] gold) =>
        new(gold.Select(g => KeyValuePair.Create(g.Subject, g.Label)));
}
