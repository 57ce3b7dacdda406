using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.EndToEnd.Tests.Privacy;

public sealed class MyDataDeleteFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public async Task SignedInVolunteer_DeletesAccountFromMyData_IsSignedOutAndVotesStay()
    {
        var browser = fixture.RequireBrowser();
        const string email = "henry-e2e-privacy@example.org";
        const string password = "henry-pass-1";
        await using (var scope = fixture.Site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<QuakeUser>>();
            var created = await users.CreateAsync(new QuakeUser { UserName = email, Email = email, EmailConfirmed = true }, password);
            Assert.True(created.Succeeded);
            await users.AddToRoleAsync((await users.FindByEmailAsync(email))!, Roles.Volunteer);
        }

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator(".nav-user").WaitForAsync();

        // Two answers through the API with the browser's own cookies.
        for (var i = 0; i < 2; i++)
        {
            var next = await context.APIRequest.GetAsync("/api/subjects/next");
            var subjectId = JsonDocument.Parse(await next.TextAsync()).RootElement.GetProperty("subjectId").GetInt64();
            var post = await context.APIRequest.PostAsync("/api/classifications", new() { DataObject = new { subjectId, answer = "Noise", idempotencyKey = Guid.NewGuid().ToString("N") } });
            Assert.Equal(201, post.Status);
        }

        var dbFactory = fixture.Site.GetRequiredService<IDbContextFactory<QuakeDbContext>>();
        int votesBefore;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            votesBefore = await db.Classifications.CountAsync();
        }

        await page.GotoAsync("/contributions");
        await page.GetByRole(AriaRole.Link, new() { Name = "My data" }).ClickAsync();
        await page.WaitForURLAsync("**/account/my-data");
        await page.GetByRole(AriaRole.Heading, new() { Name = "My data" }).WaitForAsync(); // enhanced navigation swaps the content after the URL
        Assert.Contains(email, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(VolunteerBrowserFixture.ScreenshotFolder, "my-data-1280.png"), FullPage = true });

        await page.GetByLabel("Your password, to confirm").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await page.WaitForURLAsync("**/account/my-data?erased=account*");
        await page.GetByText("Your personal data is deleted").WaitForAsync();

        Assert.Contains("Your personal data is deleted", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".nav-user").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(VolunteerBrowserFixture.ScreenshotFolder, "my-data-deleted-1280.png"), FullPage = true });
        await using var check = await dbFactory.CreateDbContextAsync();
        Assert.False(await check.Users.AnyAsync(u => u.Email == email));
        Assert.Equal(votesBefore, await check.Classifications.CountAsync());
    }
}
