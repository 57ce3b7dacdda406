using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using QuakeDetective.Core.Domain;
using QuakeDetective.Tests;

namespace QuakeDetective.Web.Tests.Authorization;

/// <summary>Creates accounts with roles and signs them in through the real sign-in form (antiforgery and all).</summary>
public static partial class SignedInClient
{
    public static async Task CreateUserAsync(QuakeWebFactory factory, string email, string password, params string[] roles)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<QuakeUser>>();
        var user = new QuakeUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        foreach (var role in roles)
        {
            await users.AddToRoleAsync(user, role);
        }
    }

    /// <summary>A client with its own cookies, signed in as the given account.</summary>
    public static async Task<HttpClient> SignInAsync(QuakeWebFactory factory, string email, string password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        }

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = "false",
        }));
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
