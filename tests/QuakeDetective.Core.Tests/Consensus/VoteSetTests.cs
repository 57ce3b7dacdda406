using QuakeDetective.Core.Consensus;
using static QuakeDetective.Core.Tests.Consensus.VoteBuilder;

namespace QuakeDetective.Core.Tests.Consensus;

public class VoteSetTests
{
    [Fact]
    public void Create_InternsIdsInFirstAppearanceOrderAndGroupsVotesBySubject()
    {
        var votes = Votes(null, ("s2", "a", "Noise"), ("s1", "b", "Earthquake"), ("s2", "b", "Tremor"), ("s1", "a", "Noise"));

        Assert.Equal(["s2", "s1"], votes.SubjectIds);
        Assert.Equal(["a", "b"], votes.VolunteerIds);
        Assert.Equal(["Earthquake", "Noise", "Tremor"], votes.Classes); // ordinal when no order is given
        Assert.Equal([0, 2, 4], votes.SubjectOffsets.ToArray());
        Assert.Equal([0, 1, 1, 0], votes.VoteVolunteers.ToArray());
        Assert.Equal([1, 2, 0, 1], votes.VoteClasses.ToArray());
    }

    [Fact]
    public void Create_GivenClassesComeFirstInGivenOrderThenOthersOrdinal()
    {
        var votes = Votes(["Tremor", "Earthquake"], ("s", "a", "Zeta"), ("s", "b", "Alpha"), ("s", "c", "Earthquake"));

        Assert.Equal(["Tremor", "Earthquake", "Alpha", "Zeta"], votes.Classes);
    }

    [Fact]
    public void Create_SecondVoteOfSameVolunteerOnSameSubject_KeepsFirstAndCountsDuplicate()
    {
        var votes = Votes(null, ("s", "a", "Noise"), ("s", "a", "Earthquake"), ("t", "a", "Earthquake"));

        Assert.Equal(2, votes.VoteCount);
        Assert.Equal(1, votes.DuplicateCount);
        Assert.Equal("Noise", votes.Classes[votes.VoteClasses[0]]);
    }

    [Fact]
    public void GoldClassPerSubject_GoldLabelOutsideClasses_ThrowsNamingLabelAndSubject()
    {
        var votes = Votes(null, ("s", "a", "Noise"));

        var ex = Assert.Throws<ArgumentException>(() => votes.GoldClassPerSubject(GoldOf(("s", "Tremor"))));
        Assert.Contains("'Tremor'", ex.Message);
        Assert.Contains("'s'", ex.Message);
    }

    [Fact]
    public void GoldClassPerSubject_IgnoresGoldForSubjectsWithoutVotes()
    {
        var votes = Votes(null, ("s", "a", "Noise"));

        Assert.Equal([0], votes.GoldClassPerSubject(GoldOf(("s", "Noise"), ("unknown", "Whatever"))));
    }
}
