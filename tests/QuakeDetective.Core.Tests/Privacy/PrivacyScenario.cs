using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Accounts;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Tests.Privacy;

/// <summary>
/// A campaign of six subjects (retire at 4 votes) voted on by a signed-up volunteer (with a claim, an external login,
/// a token and a browser merged on sign-in), three anonymous browsers, a scientist and two admins; through the real
/// classification service, so that live consensus rows and vote counts are what the site would store.
/// </summary>
internal sealed class PrivacyScenario
{
    public const string VolunteerUserId = "user-erase";
    public const string VolunteerEmail = "erase.me.4711@example.org";
    public const string ScientistUserId = "user-scientist";
    public const string AdminUserId = "user-admin-1";
    public const string SecondAdminUserId = "user-admin-2";

    public required long[] Subjects { get; init; }

    public required long AccountVolunteerId { get; init; }

    public required Guid MergedBrowser { get; init; }

    public required Guid AnonymousBrowser { get; init; }

    public required long AnonymousVolunteerId { get; init; }

    public static async Task<PrivacyScenario> CreateAsync(TestDatabase database, bool secondAdmin = true)
    {
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            var campaign = new Campaign { Name = "privacy" };
            campaign.Retirement.MaxVotes = 4;
            campaign.Retirement.EarlyConsensusEnabled = false;
            for (var i = 0; i < 6; i++)
            {
                campaign.Subjects.Add(new Subject { Station = "XX.PRIV.00", Channels = "BHZ", WaveformPath = $"p{i}.mseed", ImportKey = $"p{i}" });
            }

            db.Campaigns.Add(campaign);
            foreach (var role in Roles.All)
            {
                db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
            }

            AddUser(db, VolunteerUserId, VolunteerEmail);
            AddUser(db, ScientistUserId, "scientist.privacy@example.org");
            AddUser(db, AdminUserId, "admin1.privacy@example.org");
            if (secondAdmin)
            {
                AddUser(db, SecondAdminUserId, "admin2.privacy@example.org");
            }

            await db.SaveChangesAsync();
            var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = VolunteerUserId, RoleId = roleIds[Roles.Volunteer] });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = ScientistUserId, RoleId = roleIds[Roles.Scientist] });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = AdminUserId, RoleId = roleIds[Roles.Admin] });
            if (secondAdmin)
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = SecondAdminUserId, RoleId = roleIds[Roles.Admin] });
            }

            db.UserClaims.Add(new IdentityUserClaim<string> { UserId = VolunteerUserId, ClaimType = "display", ClaimValue = "Erase Me" });
            db.UserLogins.Add(new IdentityUserLogin<string> { UserId = VolunteerUserId, LoginProvider = "Example", ProviderKey = "ext-4711" });
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = VolunteerUserId, LoginProvider = "Example", Name = "refresh", Value = "token-4711" });
            await db.SaveChangesAsync();
        }

        var volunteers = database.Get<VolunteerService>();
        var votes = database.Get<ClassificationService>();
        long[] subjects;
        await using (var db = await database.DbFactory.CreateDbContextAsync())
        {
            subjects = await db.Subjects.OrderBy(s => s.Id).Select(s => s.Id).ToArrayAsync();
        }

        // The volunteer first answers anonymously, then signs in: the browser is merged into the account.
        var merged = Guid.NewGuid();
        var mergedVolunteer = await volunteers.ResolveAsync(null, merged, CancellationToken.None);
        await votes.SubmitAsync(new ClassificationRequest(mergedVolunteer, subjects[0], DefaultAnswers.Earthquake, "m-0"), CancellationToken.None);
        await volunteers.MergeAnonymousAsync(merged, VolunteerUserId, CancellationToken.None);
        var account = await volunteers.ResolveAsync(VolunteerUserId, null, CancellationToken.None);
        string[] mine = [DefaultAnswers.Earthquake, DefaultAnswers.Tremor, DefaultAnswers.Noise, DefaultAnswers.Noise, DefaultAnswers.Earthquake];
        for (var i = 1; i < subjects.Length; i++)
        {
            await votes.SubmitAsync(new ClassificationRequest(account, subjects[i], mine[i - 1], $"a-{i}", DateTime.UtcNow.AddSeconds(-5)), CancellationToken.None);
        }

        var browsers = new List<(Guid Id, long Volunteer)>();
        for (var b = 0; b < 3; b++)
        {
            var id = Guid.NewGuid();
            browsers.Add((id, await volunteers.ResolveAsync(null, id, CancellationToken.None)));
        }

        string[] answers = [DefaultAnswers.Earthquake, DefaultAnswers.Noise, DefaultAnswers.Tremor];
        for (var s = 0; s < subjects.Length; s++)
        {
            for (var b = 0; b < browsers.Count; b++)
            {
                await votes.SubmitAsync(new ClassificationRequest(browsers[b].Volunteer, subjects[s], answers[(s + b) % answers.Length], $"b{b}-{s}"), CancellationToken.None);
            }
        }

        foreach (var expert in new[] { ScientistUserId, AdminUserId })
        {
            var volunteerId = await volunteers.ResolveAsync(expert, null, CancellationToken.None);
            await votes.SubmitAsync(new ClassificationRequest(volunteerId, subjects[1], DefaultAnswers.Tremor, $"x-{expert}"), CancellationToken.None);
        }

        return new PrivacyScenario
        {
            Subjects = subjects,
            AccountVolunteerId = account,
            MergedBrowser = merged,
            AnonymousBrowser = browsers[0].Id,
            AnonymousVolunteerId = browsers[0].Volunteer,
        };
    }

    /// <summary>Everything consensus and retirement depend on, as comparable text: stored rows and subject counts.</summary>
    public static async Task<List<string>> ConsensusStateAsync(TestDatabase database)
    {
        await using var db = await database.DbFactory.CreateDbContextAsync();
        var rows = (await db.ConsensusResults.AsNoTracking().ToListAsync())
            .Select(r => FormattableString.Invariant($"{r.SubjectId} {r.Method} {r.Label} {r.Confidence:R} {r.Agreement:R} {r.VoteCount} {r.IsTie} {r.VotesPerAnswerJson}"));
        var subjects = (await db.Subjects.AsNoTracking().ToListAsync())
            .Select(s => FormattableString.Invariant($"subject {s.Id} {s.Status} {s.VoteCount} {s.RetirementReason}"));
        return [.. rows.Concat(subjects).Order(StringComparer.Ordinal)];
    }

    private static void AddUser(Microsoft.EntityFrameworkCore.DbContext db, string id, string email) =>
        db.Add(new QuakeUser
        {
            Id = id,
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            CreatedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        });
}
