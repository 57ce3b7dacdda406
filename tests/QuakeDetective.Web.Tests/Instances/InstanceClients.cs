using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using QuakeDetective.Web.Tests.Faults;

namespace QuakeDetective.Web.Tests.Instances;

/// <summary>
/// HTTP helpers for tests with several site processes: one cookie jar per person, used against any instance (cookies
/// are per host, not per port, so a jar filled by instance A is sent to B — as behind a load balancer without sticky
/// sessions), sign-in through the real form, admin import and export requests, deadline-bounded polling.
/// </summary>
public static partial class InstanceClients
{
    public const string AdminEmail = "instances-admin@example.org";
    public const string AdminPassword = "instances-admin-pass-1";

    public static HttpClient For(ChildProcessSite site, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }, disposeHandler: true)
        {
            BaseAddress = site.Address,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>Signs the admin in on <paramref name="site"/> through the real sign-in form; the cookies land in <paramref name="cookies"/>.</summary>
    public static async Task SignInAdminAsync(ChildProcessSite site, CookieContainer cookies)
    {
        using var client = For(site, cookies);
        var page = await client.GetStringAsync("account/login");
        var response = await client.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page),
            ["_handler"] = "login",
            ["Input.Email"] = AdminEmail,
            ["Input.Password"] = AdminPassword,
            ["Input.RememberMe"] = "false",
        }));
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found,
            $"admin sign-in failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Starts an import of a folder under the import root through the admin page's form; returns the job id.</summary>
    public static async Task<long> StartFolderImportAsync(HttpClient admin, string folder, string campaign, double windowSeconds)
    {
        var page = await admin.GetStringAsync("admin/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token(page)), "__RequestVerificationToken" },
            { new StringContent("folder"), "source" },
            { new StringContent(folder), "folder" },
            { new StringContent(campaign), "campaign" },
            { new StringContent(windowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)), "window" },
        };
        var response = await admin.PostAsync("admin/import/jobs", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"import not accepted ({(int)response.StatusCode}): {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("jobId").GetInt64();
    }

    public static async Task<long> PostJobAsync(HttpClient client, string url, object? body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {url} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("jobId").GetInt64();
    }

    /// <summary>Polls until <paramref name="condition"/> returns a value; fails with <paramref name="what"/> at the deadline.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T?>> condition, TimeSpan timeout, string what, int intervalMs = 25)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition() is { } value)
            {
                return value;
            }

            await Task.Delay(intervalMs);
        }

        throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0} s waiting for {what}.");
    }

    private static string Token(string html)
    {
        var match = AntiforgeryField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery token.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
