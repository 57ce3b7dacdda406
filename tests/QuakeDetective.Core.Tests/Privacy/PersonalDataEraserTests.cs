using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using QuakeDetective.Core.Accounts;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Privacy;

namespace QuakeDetective.Core.Tests.Privacy;

public sealed class PersonalDataEraserTests
{
    [Fact]
    public async Task EraseAccount_VolunteerWithVotes_KeepsVotesUnderAnUnlinkedPseudonymAndDeletesTheAccount()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await PrivacyScenario.CreateAsync(database);
        var recomputer = database.Get<ConsensusRecomputer>();
        var campaignId = await CampaignIdAsync(database);
        await recomputer.RunAsync(campaignId, null, CancellationToken.None);
        var before = await PrivacyScenario.ConsensusStateAsync(database);
        string oldPseudonym;
        List<(long Id, long Subject, string Answer)> oldVotes;
        int totalVotes;
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            oldPseudonym = await db.Volunteers.Where(v => v.Id == scenario.AccountVolunteerId).Select(v => v.Pseudonym).SingleAsync();
            oldVotes = (await db.Classifications.Where(c => c.VolunteerId == scenario.AccountVolunteerId).ToListAsync())
                .Select(c => (c.Id, c.SubjectId, c.Answer)).OrderBy(v => v.Id).ToList();
            totalVotes = await db.Classifications.CountAsync();
        }

        var result = await database.Get<PersonalDataEraser>().EraseAsync(PersonalDataOwner.Account(PrivacyScenario.VolunteerUserId), CancellationToken.None);

        Assert.Equal(ErasureOutcome.Erased, result.Outcome);
        Assert.Equal(6, result.VotesAnonymised); // five of its own and one merged from the browser
        Assert.Equal(0, result.ExpertVotesRemoved);
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            const string id = PrivacyScenario.VolunteerUserId;
            Assert.False(await db.Users.AnyAsync(u => u.Id == id || u.Email == PrivacyScenario.VolunteerEmail));
            Assert.False(await db.UserRoles.AnyAsync(x => x.UserId == id));
            Assert.False(await db.UserClaims.AnyAsync(x => x.UserId == id));
            Assert.False(await db.UserLogins.AnyAsync(x => x.UserId == id));
            Assert.False(await db.UserTokens.AnyAsync(x => x.UserId == id));
            Assert.False(await db.Volunteers.AnyAsync(v => v.Id == scenario.AccountVolunteerId || v.UserId == id || v.AnonymousId == scenario.MergedBrowser));
            Assert.Equal(totalVotes, await db.Classifications.CountAsync());

            var moved = await db.Classifications.Where(c => oldVotes.Select(o => o.Id).Contains(c.Id)).OrderBy(c => c.Id).ToListAsync();
            Assert.Equal(oldVotes.Select(v => (v.Subject, v.Answer)), moved.Select(c => (c.SubjectId, c.Answer)));
            var owner = Assert.Single(moved.Select(c => c.VolunteerId).Distinct());
            var fresh = await db.Volunteers.SingleAsync(v => v.Id == owner);
            Assert.Null(fresh.UserId);
            Assert.Null(fresh.AnonymousId);
            Assert.Null(fresh.MergedIntoVolunteerId);
            Assert.NotEqual(oldPseudonym, fresh.Pseudonym);
            Assert.Matches("^volunteer-[a-z2-9]{10}$", fresh.Pseudonym);
            Assert.All(moved, c => Assert.Equal("erased-" + c.Id, c.IdempotencyKey));
        }

        Assert.Equal(before, await PrivacyScenario.ConsensusStateAsync(database));

        // A full recompute from the raw votes (majority, weighted, Dawid–Skene) gives the same rows as before.
        await recomputer.RunAsync(campaignId, null, CancellationToken.None);
        Assert.Equal(Rounded(before), Rounded(await PrivacyScenario.ConsensusStateAsync(database)));
    }

    [Fact]
    public async Task EraseAccount_ThenSameAccountIdSignsInAgain_GetsANewEmptyVolunteer()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await PrivacyScenario.CreateAsync(database);

        await database.Get<PersonalDataEraser>().EraseAsync(PersonalDataOwner.Account(PrivacyScenario.VolunteerUserId), CancellationToken.None);
        var browserAgain = await database.Get<VolunteerService>().ResolveAsync(null, scenario.MergedBrowser, CancellationToken.None);

        // The browser that was merged into the account no longer leads to the anonymised votes.
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.False(await db.Classifications.AnyAsync(c => c.VolunteerId == browserAgain));
    }

    [Fact]
    public async Task EraseAccount_LastAdmin_IsRefusedAndNothingChanges()
    {
        await using var database = await TestDatabase.CreateAsync();
        await PrivacyScenario.CreateAsync(database, secondAdmin: false);
        var before = await SnapshotAsync(database);

        var result = await database.Get<PersonalDataEraser>().EraseAsync(PersonalDataOwner.Account(PrivacyScenario.AdminUserId), CancellationToken.None);

        Assert.Equal(ErasureOutcome.LastAdmin, result.Outcome);
        Assert.Contains("only administrator", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(database));
    }

    [Fact]
    public async Task EraseAccount_OneOfTwoAdmins_RemovesItsExpertVotesWithoutChangingConsensus()
    {
        await using var database = await TestDatabase.CreateAsync();
        await PrivacyScenario.CreateAsync(database);
        var before = await PrivacyScenario.ConsensusStateAsync(database);

        var result = await database.Get<PersonalDataEraser>().EraseAsync(PersonalDataOwner.Account(PrivacyScenario.AdminUserId), CancellationToken.None);

        Assert.Equal(ErasureOutcome.Erased, result.Outcome);
        Assert.Equal(1, result.ExpertVotesRemoved);
        Assert.Equal(0, result.VotesAnonymised);
        Assert.Equal(before, await PrivacyScenario.ConsensusStateAsync(database));
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Id == PrivacyScenario.AdminUserId));
        Assert.True(await db.Users.AnyAsync(u => u.Id == PrivacyScenario.SecondAdminUserId));
    }

    [Fact]
    public async Task EraseAccount_FailingAtTheLastStatement_LeavesEverythingAsBefore()
    {
        await using var database = await TestDatabase.CreateAsync();
        await PrivacyScenario.CreateAsync(database);
        var before = await SnapshotAsync(database);
        var options = new DbContextOptionsBuilder<QuakeDbContext>(database.Services.GetRequiredService<DbContextOptions<QuakeDbContext>>())
            .AddInterceptors(new FailOnUserDelete())
            .Options;
        var eraser = new PersonalDataEraser(new OptionsFactory(options), new ErasedAccounts(TimeProvider.System), TimeProvider.System, NullLogger<PersonalDataEraser>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            eraser.EraseAsync(PersonalDataOwner.Account(PrivacyScenario.VolunteerUserId), CancellationToken.None));

        Assert.Equal(before, await SnapshotAsync(database));
    }

    [Fact]
    public async Task EraseBrowser_AnonymousVolunteer_KeepsVotesAndTheCookieStartsAfresh()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await PrivacyScenario.CreateAsync(database);
        var before = await PrivacyScenario.ConsensusStateAsync(database);

        var result = await database.Get<PersonalDataEraser>().EraseAsync(PersonalDataOwner.Browser(scenario.AnonymousBrowser), CancellationToken.None);
        var again = await database.Get<VolunteerService>().ResolveAsync(null, scenario.AnonymousBrowser, CancellationToken.None);

        Assert.Equal(ErasureOutcome.Erased, result.Outcome);
        Assert.Equal(6, result.VotesAnonymised);
        Assert.NotEqual(scenario.AnonymousVolunteerId, again);
        Assert.Equal(before, await PrivacyScenario.ConsensusStateAsync(database));
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.False(await db.Classifications.AnyAsync(c => c.VolunteerId == again || c.VolunteerId == scenario.AnonymousVolunteerId));
        Assert.Equal(6, await db.Classifications.CountAsync(c => c.IdempotencyKey.StartsWith("erased-")));
    }

    [Fact]
    public async Task EraseBrowser_MergedIntoAnAccount_OnlyUnlinksTheBrowser()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await PrivacyScenario.CreateAsync(database);

        var result = await database.Get<PersonalDataEraser>().EraseAsync(PersonalDataOwner.Browser(scenario.MergedBrowser), CancellationToken.None);

        Assert.Equal(ErasureOutcome.Erased, result.Outcome);
        Assert.Equal(0, result.VotesAnonymised);
        await using var db = await database.DbFactory.CreateDbContextAsync();
        Assert.Equal(6, await db.Classifications.CountAsync(c => c.VolunteerId == scenario.AccountVolunteerId));
        Assert.True(await db.Users.AnyAsync(u => u.Id == PrivacyScenario.VolunteerUserId));
        Assert.False(await db.Volunteers.AnyAsync(v => v.AnonymousId == scenario.MergedBrowser));
    }

    [Fact]
    public async Task Erase_UnknownAccountOrBrowser_StoresNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var eraser = database.Get<PersonalDataEraser>();

        var account = await eraser.EraseAsync(PersonalDataOwner.Account("nobody"), CancellationToken.None);
        var browser = await eraser.EraseAsync(PersonalDataOwner.Browser(Guid.NewGuid()), CancellationToken.None);

        Assert.Equal(ErasureOutcome.NothingStored, account.Outcome);
        Assert.Equal(ErasureOutcome.NothingStored, browser.Outcome);
    }

    private static async Task<int> CampaignIdAsync(TestDatabase database)
    {
        await using var db = await database.DbFactory.CreateDbContextAsync();
        return await db.Campaigns.Select(c => c.Id).SingleAsync();
    }

    /// <summary>Confidences of a recompute may differ in the last bits when volunteers are summed in another order.</summary>
    private static List<string> Rounded(List<string> state) =>
        [.. state.Select(line => System.Text.RegularExpressions.Regex.Replace(line, @"\d+\.\d{9,}(E-?\d+)?", m =>
            double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture).ToString("0.000000000", System.Globalization.CultureInfo.InvariantCulture)))];

    /// <summary>Every row a failed or refused erasure could have touched, as text.</summary>
    private static async Task<List<string>> SnapshotAsync(TestDatabase database)
    {
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var lines = new List<string>();
        lines.AddRange((await db.Users.AsNoTracking().ToListAsync()).Select(u => $"user {u.Id} {u.Email} {u.SecurityStamp}"));
        lines.AddRange((await db.UserRoles.AsNoTracking().ToListAsync()).Select(r => $"role {r.UserId} {r.RoleId}"));
        lines.AddRange((await db.UserClaims.AsNoTracking().ToListAsync()).Select(c => $"claim {c.UserId} {c.ClaimType} {c.ClaimValue}"));
        lines.AddRange((await db.UserLogins.AsNoTracking().ToListAsync()).Select(l => $"login {l.UserId} {l.ProviderKey}"));
        lines.AddRange((await db.UserTokens.AsNoTracking().ToListAsync()).Select(t => $"token {t.UserId} {t.Value}"));
        lines.AddRange((await db.Volunteers.AsNoTracking().ToListAsync()).Select(v => $"volunteer {v.Id} {v.UserId} {v.AnonymousId} {v.Pseudonym} {v.MergedIntoVolunteerId}"));
        lines.AddRange((await db.Classifications.AsNoTracking().ToListAsync()).Select(c => $"vote {c.Id} {c.VolunteerId} {c.SubjectId} {c.Answer} {c.IdempotencyKey}"));
        lines.AddRange(await PrivacyScenario.ConsensusStateAsync(database));
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private sealed class OptionsFactory(DbContextOptions<QuakeDbContext> options) : IDbContextFactory<QuakeDbContext>
    {
        public QuakeDbContext CreateDbContext() => new(options);
    }

    /// <summary>Fails the erasure at its very last statement, after every other change was made.</summary>
    private sealed class FailOnUserDelete : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("DELETE FROM \"AspNetUsers\"", StringComparison.Ordinal)
                ? throw new InvalidOperationException("Injected failure deleting the account.")
                : base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
