using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Accounts;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Tests.Accounts;

public sealed class VolunteerServiceTests
{
    [Fact]
    public async Task Resolve_SameAnonymousId_ReturnsSameVolunteer()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.Get<VolunteerService>();
        var anonymous = Guid.NewGuid();

        var first = await service.ResolveAsync(null, anonymous, CancellationToken.None);
        var second = await service.ResolveAsync(null, anonymous, CancellationToken.None);
        var other = await service.ResolveAsync(null, Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task MergeAnonymous_OnSignIn_MovesVotesAndDropsDuplicates()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            var campaign = new Campaign { Name = "merge" };
            for (var i = 0; i < 3; i++)
            {
                campaign.Subjects.Add(new Subject { Station = "XX.S.00", Channels = "BHZ", WaveformPath = $"{i}.mseed", ImportKey = $"k{i}" });
            }

            db.Campaigns.Add(campaign);
            db.Users.Add(new QuakeUser { Id = "user-1", UserName = "u@example.org", Email = "u@example.org" });
            await db.SaveChangesAsync();
        }

        var volunteers = database.Get<VolunteerService>();
        var votes = database.Get<ClassificationService>();
        var anonymous = Guid.NewGuid();
        var anonymousVolunteer = await volunteers.ResolveAsync(null, anonymous, CancellationToken.None);
        var account = await volunteers.ResolveAsync("user-1", null, CancellationToken.None);
        long[] subjects;
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            subjects = await db.Subjects.OrderBy(s => s.Id).Select(s => s.Id).ToArrayAsync();
        }

        // The account answered subject 0 on another device; the anonymous browser answered 0, 1 and 2.
        await votes.SubmitAsync(new ClassificationRequest(account, subjects[0], DefaultAnswers.Noise, "acc-0"), CancellationToken.None);
        foreach (var id in subjects)
        {
            await votes.SubmitAsync(new ClassificationRequest(anonymousVolunteer, id, DefaultAnswers.Tremor, $"anon-{id}"), CancellationToken.None);
        }

        var moved = await volunteers.MergeAnonymousAsync(anonymous, "user-1", CancellationToken.None);

        Assert.Equal(2, moved);
        await using var check = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(3, await check.Classifications.CountAsync(c => c.VolunteerId == account));
        Assert.Equal(0, await check.Classifications.CountAsync(c => c.VolunteerId == anonymousVolunteer));
        Assert.Equal(DefaultAnswers.Noise, (await check.Classifications.SingleAsync(c => c.SubjectId == subjects[0])).Answer);
        Assert.Equal(1, await check.Subjects.Where(s => s.Id == subjects[0]).Select(s => s.VoteCount).SingleAsync());
        Assert.Equal(account, await volunteers.ResolveAsync(null, anonymous, CancellationToken.None));
    }
}
