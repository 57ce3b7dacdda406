using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Tests;
using QuakeDetective.Web.Tests.Authorization;

namespace QuakeDetective.Web.Tests.Integration;

/// <summary>
/// One site for the consensus, results and export tests: the small demo campaign, a scientist and a volunteer signed
/// in through the real form, anonymous clients to vote, and a quick Dawid–Skene schedule (2 s) so that the
/// background re-estimate can be watched without waiting minutes.
/// </summary>
public sealed class ConsensusSite : IAsyncLifetime
{
    public QuakeWebFactory Factory { get; } = new(settings: new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "false",
        ["Consensus:RecomputeInterval"] = "00:00:02",
    });

    public HttpClient Scientist { get; private set; } = default!;

    public HttpClient Volunteer { get; private set; } = default!;

    public int CampaignId { get; private set; }

    public IDbContextFactory<QuakeDbContext> DbFactory => Factory.GetRequiredService<IDbContextFactory<QuakeDbContext>>();

    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task InitializeAsync()
    {
        const string password = "consensus-pass-1";
        await SignedInClient.CreateUserAsync(Factory, "sci-consensus@example.org", password, Roles.Volunteer, Roles.Scientist);
        await SignedInClient.CreateUserAsync(Factory, "vol-consensus@example.org", password, Roles.Volunteer);
        Scientist = await SignedInClient.SignInAsync(Factory, "sci-consensus@example.org", password);
        Volunteer = await SignedInClient.SignInAsync(Factory, "vol-consensus@example.org", password);
        await using var db = await DbFactory.CreateDbContextAsync();
        CampaignId = await db.Campaigns.Select(c => c.Id).FirstAsync();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>Polls until <paramref name="probe"/> returns a value or the deadline passes (no sleeps standing in for a signal).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan deadline, string what)
        where T : class =>
        (await EventuallyValueAsync(async () => await probe() is { } value ? new Found<T>(value) : (Found<T>?)null, deadline, what)).Value;

    /// <summary>The same for a value that is ready when <paramref name="probe"/> returns one.</summary>
    public static async Task<T> EventuallyValueAsync<T>(Func<Task<T?>> probe, TimeSpan deadline, string what)
        where T : struct
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out after {deadline.TotalSeconds} s waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }

    private readonly record struct Found<T>(T Value);
}
