using Microsoft.Playwright;

namespace QuakeDetective.EndToEnd.Tests;

/// <summary>
/// On a high-density screen the classify page shows the 2x plot, and while a subject is on screen the next one's plot
/// and sound are fetched, so that the subject after an answer is the preloaded one and appears from the cache.
/// </summary>
public sealed class PreloadAndHiDpiTests(VolunteerBrowserFixture fixture) : IClassFixture<VolunteerBrowserFixture>
{
    private const string Ready = ".classify[data-interactive=true]";

    private const string Fetched = "() => performance.getEntriesByType('resource').map(e => e.name)";

    private static async Task<long> SubjectIdAsync(IPage page) =>
        long.Parse((await page.Locator("[data-player=subject]").GetAttributeAsync("data-subject-id"))!, System.Globalization.CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task Classify_NextSubjectsMediaRequestedBeforeTheAnswerThenShownFromThere()
    {
        var context = await fixture.RequireBrowser().NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            DeviceScaleFactor = 2,
        });
        await context.AddCookiesAsync([new Cookie { Name = "qd_tutorial", Value = "done", Domain = fixture.BaseAddress.Host, Path = "/" }]);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/classify");
        await page.Locator(Ready).WaitForAsync();
        var first = await SubjectIdAsync(page);
        var upcoming = page.GetByTestId("upcoming");
        await upcoming.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var next = long.Parse((await upcoming.GetAttributeAsync("data-subject-id"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(first, next);

        // Before any answer: the next subject's sound and (2x) plot have been fetched.
        await page.WaitForFunctionAsync(
            "id => { const names = performance.getEntriesByType('resource').map(e => e.name); return names.some(n => n.includes(`/media/subjects/${id}/audio.wav`)) && names.some(n => n.includes(`/media/subjects/${id}/plot.png`) && n.includes('scale=2')); }",
            next);
        var beforeAnswer = await page.EvaluateAsync<string[]>(Fetched);
        Assert.Equal(first, await SubjectIdAsync(page));

        // The 2x picture on a 2x screen: twice the pixels of its layout size.
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img[data-testid=subject-plot]'); return i.complete && i.naturalWidth > 0; }");
        Assert.Contains("scale=2", await page.EvaluateAsync<string>("() => document.querySelector('img[data-testid=subject-plot]').currentSrc"), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Noise", Exact = true }).ClickAsync();
        var feedback = page.GetByTestId("gold-feedback");
        await page.WaitForFunctionAsync("id => document.querySelector('[data-testid=gold-feedback]') || document.querySelector('[data-player=subject]')?.dataset.subjectId !== String(id)", first);
        if (await feedback.CountAsync() > 0)
        {
            await page.Locator("[data-action=continue]").ClickAsync();
        }

        await Assertions.Expect(page.Locator("[data-player=subject]")).ToHaveAttributeAsync("data-subject-id", next.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img[data-testid=subject-plot]'); return i.complete && i.naturalWidth > 0; }");
        var plotUrl = await page.EvaluateAsync<string>("() => document.querySelector('img[data-testid=subject-plot]').currentSrc");
        Assert.Contains(plotUrl, beforeAnswer);
        await page.ScreenshotAsync(new() { Path = Path.Combine(VolunteerBrowserFixture.ScreenshotFolder, "classify-1280-2x.png") });
        await context.CloseAsync();
    }
}
