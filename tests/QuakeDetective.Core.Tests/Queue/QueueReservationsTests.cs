using QuakeDetective.Core.Queue;

namespace QuakeDetective.Core.Tests.Queue;

public sealed class QueueReservationsTests
{
    [Fact]
    public void CountOthers_CountsOtherVolunteersUntilTheyExpire()
    {
        var time = new ManualTime();
        var reservations = new QueueReservations(time);

        reservations.Reserve(subjectId: 1, volunteerId: 10);
        reservations.Reserve(subjectId: 1, volunteerId: 11);
        reservations.Reserve(subjectId: 1, volunteerId: 11);

        Assert.Equal(1, reservations.CountOthers(1, 10));
        Assert.Equal(2, reservations.CountOthers(1, 99));
        time.Advance(QueueReservations.Lifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(0, reservations.CountOthers(1, 99));
    }

    [Fact]
    public void Release_AnsweredSubject_NoLongerCounts()
    {
        var reservations = new QueueReservations(new ManualTime());
        reservations.Reserve(1, 10);

        reservations.Release(1, 10);

        Assert.Equal(0, reservations.CountOthers(1, 99));
        Assert.Equal(0, reservations.TrackedSubjects);
    }

    [Fact]
    public void Reserve_ManyExpiredSubjects_AreSweptAway()
    {
        var time = new ManualTime();
        var reservations = new QueueReservations(time);
        for (var i = 0; i < 300; i++)
        {
            reservations.Reserve(i, 1);
        }

        time.Advance(QueueReservations.Lifetime * 2);
        for (var i = 1000; i < 1300; i++)
        {
            reservations.Reserve(i, 1);
        }

        Assert.True(reservations.TrackedSubjects <= 300, $"{reservations.TrackedSubjects} subjects still tracked");
    }
}
