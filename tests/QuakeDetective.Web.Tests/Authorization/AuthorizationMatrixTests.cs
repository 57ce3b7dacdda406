using System.Net;
using System.Text;
using QuakeDetective.Core.Domain;
using QuakeDetective.Tests;

namespace QuakeDetective.Web.Tests.Authorization;

/// <summary>
/// Enumerates every page and endpoint of the running app and checks that anonymous visitors, volunteers, scientists
/// and admins each get exactly what they should. A new page or endpoint that is not in <see cref="Expected"/> fails
/// the test, so nothing can be forgotten.
/// </summary>
public sealed class AuthorizationMatrixTests : IClassFixture<AuthorizationMatrixTests.Site>
{
    private readonly Site _site;

    public AuthorizationMatrixTests(Site site) => _site = site;

    /// <summary>Who may use what. Anyone = anonymous visitors too; Volunteer = any signed-in account.</summary>
    private static readonly Dictionary<string, Access> Expected = Pages(
        ("/", Access.Anyone),
        ("/classify", Access.Anyone),
        ("/field-guide", Access.Anyone),
        ("/tutorial", Access.Anyone),
        ("/contributions", Access.Anyone),
        ("/not-found", Access.Anyone),
        ("/setup", Access.Anyone),
        ("/account/login", Access.Anyone),
        ("/account/register", Access.Anyone),
        ("/account/access-denied", Access.Anyone),
        ("/account/my-data", Access.Anyone),
        ("/results", Access.Scientist),
        ("/results/{CampaignId:int}", Access.Scientist),
        ("/results/{CampaignId:int}/subjects", Access.Scientist),
        ("/results/{CampaignId:int}/volunteers", Access.Scientist),
        ("/results/subjects/{SubjectId:long}", Access.Scientist),
        ("/admin", Access.Admin),
        ("/admin/models", Access.Admin),
        ("/admin/import", Access.Admin),
        ("/admin/import/jobs/{JobId:long}", Access.Admin),
        ("/admin/campaigns", Access.Admin),
        ("/admin/campaigns/new", Access.Admin),
        ("/admin/campaigns/{CampaignId:int}", Access.Admin))
        .Concat(new Dictionary<string, Access>
        {
            ["GET /health"] = Access.Anyone,
            ["POST /api/training-runs"] = Access.Admin,
            ["GET /api/training-runs/{id:long}"] = Access.Admin,
            ["POST /api/training-runs/{id:long}/cancel"] = Access.Admin,
            ["POST /account/logout"] = Access.Anyone,
            ["GET /api/subjects/next"] = Access.Anyone,
            ["GET /api/me/data"] = Access.Anyone,
            ["POST /api/me/data/delete"] = Access.Anyone,
            ["POST /api/classifications"] = Access.Anyone,
            ["GET /media/subjects/{subjectId:long}/plot.png"] = Access.Anyone,
            ["GET /media/subjects/{subjectId:long}/audio.wav"] = Access.Anyone,
            ["GET /api/campaigns/{campaignId:int}/consensus"] = Access.Scientist,
            ["POST /api/campaigns/{campaignId:int}/consensus/recompute"] = Access.Scientist,
            ["GET /api/consensus-jobs/{jobId:long}"] = Access.Scientist,
            ["POST /api/campaigns/{campaignId:int}/gold"] = Access.Scientist,
            ["POST /api/subjects/{subjectId:long}/retire"] = Access.Scientist,
            ["POST /api/subjects/{subjectId:long}/unretire"] = Access.Scientist,
            ["POST /api/campaigns/{campaignId:int}/exports"] = Access.Scientist,
            ["GET /api/exports/{jobId:long}"] = Access.Scientist,
            ["GET /api/exports/{jobId:long}/file"] = Access.Scientist,
            ["POST /admin/import/jobs"] = Access.Admin,
            ["GET /admin/import/jobs/{jobId:long}/report.json"] = Access.Admin,
        })
        .ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Blazor pages answer GET and, for their forms, POST: both carry the page's access level.</summary>
    private static Dictionary<string, Access> Pages(params (string Route, Access Access)[] pages) =>
        pages.SelectMany(p => new[] { ($"GET {p.Route}", p.Access), ($"POST {p.Route}", p.Access) })
            .ToDictionary(p => p.Item1, p => p.Item2);

    public enum Access
    {
        Anyone,
        Volunteer,
        Scientist,
        Admin,
    }

    [Fact]
    public void EveryEndpoint_HasAnExpectedAccessLevel()
    {
        var missing = EndpointListing.All(_site.Factory)
            .Select(e => $"{e.Method} {e.Pattern}")
            .Where(key => !Expected.ContainsKey(key))
            .ToList();

        Assert.True(missing.Count == 0,
            "Pages or endpoints with no expected access level (add them to AuthorizationMatrixTests.Expected):\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task EachRole_GetsExactlyWhatItShould()
    {
        var failures = new StringBuilder();
        var principals = new (string Name, Access Level, HttpClient Client)[]
        {
            ("anonymous", (Access)(-1), _site.Anonymous),
            ("volunteer", Access.Volunteer, _site.Volunteer),
            ("scientist", Access.Scientist, _site.Scientist),
            ("admin", Access.Admin, _site.Admin),
        };
        foreach (var (method, pattern) in EndpointListing.All(_site.Factory))
        {
            if (!Expected.TryGetValue($"{method} {pattern}", out var required) || pattern == "/account/logout")
            {
                continue; // unknown endpoints fail the other test; signing out would end the shared sessions
            }

            var url = Fill(pattern);
            foreach (var (name, level, client) in principals)
            {
                var allowed = required == Access.Anyone || (level >= 0 && level >= required);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var verdict = Judge(response, allowed, signedIn: level >= 0, isApi: url.StartsWith("/api", StringComparison.Ordinal));
                if (verdict is not null)
                {
                    failures.AppendLine($"{method} {url} as {name}: {verdict}");
                }
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    private static string? Judge(HttpResponseMessage response, bool allowed, bool signedIn, bool isApi)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.ToString() ?? string.Empty;
        var toLogin = status is 302 or 301 && location.Contains("/account/login", StringComparison.Ordinal);
        var toDenied = status is 302 or 301 && location.Contains("/account/access-denied", StringComparison.Ordinal);
        if (allowed)
        {
            return status is 401 or 403 || toLogin || toDenied || status >= 500 ? $"expected access, got {status} {location}" : null;
        }

        if (isApi)
        {
            var want = signedIn ? 403 : 401;
            return status == want ? null : $"expected {want}, got {status} {location}";
        }

        return signedIn
            ? (toDenied || status == 403 ? null : $"expected access denied, got {status} {location}")
            : (toLogin ? null : $"expected a redirect to sign in, got {status} {location}");
    }

    private string Fill(string pattern)
    {
        var text = pattern;
        while (text.IndexOf('{', StringComparison.Ordinal) is var start and >= 0)
        {
            var end = text.IndexOf('}', start);
            var name = text[(start + 1)..end].Split(':')[0].TrimEnd('?');
            var value = name.Contains("subject", StringComparison.OrdinalIgnoreCase) ? _site.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : name.Contains("campaign", StringComparison.OrdinalIgnoreCase) || name == "id" ? _site.CampaignId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : "1";
            text = text[..start] + value + text[(end + 1)..];
        }

        return text;
    }

    /// <summary>One site with an account per role, each signed in through the real form.</summary>
    public sealed class Site : IAsyncLifetime
    {
        public QuakeWebFactory Factory { get; } = new(settings: new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" });

        public HttpClient Anonymous { get; private set; } = default!;

        public HttpClient Volunteer { get; private set; } = default!;

        public HttpClient Scientist { get; private set; } = default!;

        public HttpClient Admin { get; private set; } = default!;

        public long SubjectId { get; private set; }

        public int CampaignId { get; private set; }

        public async Task InitializeAsync()
        {
            Anonymous = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            const string password = "matrix-pass-1";
            await SignedInClient.CreateUserAsync(Factory, "volunteer@example.org", password, Roles.Volunteer);
            await SignedInClient.CreateUserAsync(Factory, "scientist@example.org", password, Roles.Volunteer, Roles.Scientist);
            await SignedInClient.CreateUserAsync(Factory, "admin@example.org", password, Roles.Volunteer, Roles.Scientist, Roles.Admin);
            Volunteer = await SignedInClient.SignInAsync(Factory, "volunteer@example.org", password);
            Scientist = await SignedInClient.SignInAsync(Factory, "scientist@example.org", password);
            Admin = await SignedInClient.SignInAsync(Factory, "admin@example.org", password);
            await using var db = await Factory.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<QuakeDetective.Core.Data.QuakeDbContext>>().CreateDbContextAsync();
            var subject = db.Subjects.OrderBy(s => s.Id).First();
            SubjectId = subject.Id;
            CampaignId = subject.CampaignId;
        }

        public async Task DisposeAsync()
        {
            await Factory.DisposeAsync();
        }
    }
}
