using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.EndToEnd.Tests;

/// <summary>A new volunteer in real Chromium: tutorial, five answers by keyboard and mouse, sound and playhead, gold feedback, contributions.</summary>
public sealed class VolunteerJourneyTests(VolunteerBrowserFixture fixture) : IClassFixture<VolunteerBrowserFixture>
{
    private const string Ready = ".classify[data-interactive=true]";

    private const string PlayheadProbe = """
        () => {
            const player = document.querySelector('[data-player=subject]');
            const audio = player.querySelector('audio');
            const frame = player.querySelector('.plot-frame');
            const img = frame.querySelector('img');
            const url = new URL(img.currentSrc);
            const key = url.searchParams.get('w') ? `${url.searchParams.get('w')}x${url.searchParams.get('h')}` : '1200x500';
            const [left, right] = JSON.parse(frame.dataset.areas)[key];
            const box = frame.getBoundingClientRect();
            const head = frame.querySelector('.playhead').getBoundingClientRect();
            return {
                time: audio.currentTime,
                duration: audio.duration,
                paused: audio.paused,
                expected: box.left + (left + audio.currentTime / audio.duration * (right - left)) * box.width,
                actual: head.left + head.width / 2,
            };
        }
        """;

    private static async Task<long> SubjectIdAsync(IPage page) =>
        long.Parse((await page.Locator("[data-player=subject]").GetAttributeAsync("data-subject-id"))!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>After an answer: either the next subject is on screen or the expert feedback is.</summary>
    private static async Task WaitForAnswerStoredAsync(IPage page, long answered)
    {
        await page.WaitForFunctionAsync(
            "id => document.querySelector('[data-testid=gold-feedback]') || document.querySelector('[data-player=subject]')?.dataset.subjectId !== String(id)",
            answered);
    }

    private static async Task<Playhead> ProbeAsync(IPage page) =>
        JsonSerializer.Deserialize<Playhead>((await page.EvaluateAsync<JsonElement>(PlayheadProbe)).GetRawText(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    [SkippableFact]
    public async Task NewVolunteer_TutorialThenFiveAnswers_NoRepeatsPlayheadFeedbackAndCount()
    {
        var page = await fixture.NewVisitorAsync();

        // From the home page to the tutorial, step by step, listening to one real example.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start classifying" }).ClickAsync();
        await page.Locator(Ready).WaitForAsync();
        var tutorial = page.GetByTestId("tutorial");
        await Assertions.Expect(tutorial.Locator("h2")).ToContainTextAsync("Welcome");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(tutorial.Locator("h2")).ToContainTextAsync(DefaultAnswers.Earthquake);
        await tutorial.Locator("[data-action=toggle]").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('audio[data-testid=tutorial-audio]').currentTime > 0.3");
        foreach (var answer in new[] { DefaultAnswers.Tremor, DefaultAnswers.Noise, DefaultAnswers.NoneOfTheAbove, "Your turn" })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
            await Assertions.Expect(tutorial.Locator("h2")).ToContainTextAsync(answer);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Start classifying" }).ClickAsync();
        await Assertions.Expect(tutorial).ToHaveCountAsync(0);

        // The sound: 2000 s at 400× is 5 s; Space plays, the playhead follows, Space pauses.
        var duration = await page.WaitForFunctionAsync(
            "() => { const a = document.querySelector('audio[data-testid=subject-audio]'); return a && a.readyState >= 1 && isFinite(a.duration) ? a.duration : null; }");
        Assert.InRange(await duration.JsonValueAsync<double>(), 4.95, 5.05);
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img[data-testid=subject-plot]'); return i.complete && i.naturalWidth > 0; }");
        await page.Keyboard.PressAsync("Space");
        await page.WaitForFunctionAsync("() => document.querySelector('audio[data-testid=subject-audio]').currentTime > 0.8");
        var early = await ProbeAsync(page);
        await page.WaitForFunctionAsync("() => document.querySelector('audio[data-testid=subject-audio]').currentTime > 2.0");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("[data-player=subject]")).ToHaveAttributeAsync("data-playing", "false");
        var paused = await ProbeAsync(page);
        Assert.True(paused.Actual - early.Actual > 200, $"the playhead should move across the plot: {early.Actual:F0} px then {paused.Actual:F0} px");
        Assert.True(paused.Paused);
        Assert.InRange(paused.Actual - paused.Expected, -1.5, 1.5);

        // Five answers, keyboard (choose, then Enter) and mouse (one click); the first is a gold subject.
        var shown = new List<long>();
        var feedbackLabels = new List<string>();
        var given = new List<string>();
        var steps = new (string How, int Choice)[] { ("keys", 2), ("keys", 1), ("mouse", 3), ("mouse", 2), ("keys", 4) };
        foreach (var (how, choice) in steps)
        {
            var subject = await SubjectIdAsync(page);
            Assert.DoesNotContain(subject, shown);
            shown.Add(subject);
            var answer = DefaultAnswers.All[choice - 1];
            given.Add(answer);
            if (how == "keys")
            {
                await page.Keyboard.PressAsync(choice.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await Assertions.Expect(page.Locator($"button[data-answer='{answer}']")).ToHaveAttributeAsync("aria-pressed", "true");
                await page.Keyboard.PressAsync("Enter");
            }
            else
            {
                await page.GetByRole(AriaRole.Button, new() { Name = answer, Exact = true }).ClickAsync();
            }

            await WaitForAnswerStoredAsync(page, subject);
            var feedback = page.GetByTestId("gold-feedback");
            if (await feedback.CountAsync() > 0)
            {
                feedbackLabels.Add((await feedback.Locator(".feedback-lead strong").TextContentAsync())!);
                await Assertions.Expect(feedback).ToContainTextAsync("— here is why:");
                await Assertions.Expect(feedback).ToContainTextAsync($"You answered {answer}");
                await Assertions.Expect(page.Locator("[data-action=continue]")).ToBeFocusedAsync();
                await page.Keyboard.PressAsync("Enter");
                await page.WaitForFunctionAsync("id => document.querySelector('[data-player=subject]')?.dataset.subjectId !== String(id)", subject);
            }

            await Assertions.Expect(page.GetByTestId("session-count")).ToHaveTextAsync(shown.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(5, shown.Distinct().Count());
        await using (var db = await fixture.Db.CreateDbContextAsync())
        {
            // Other tests' volunteers may have answered some of the same subjects: this volunteer answered all five.
            var all = await db.Classifications.Where(c => shown.Contains(c.SubjectId))
                .OrderBy(c => c.Id).Select(c => new { c.SubjectId, c.Answer, c.DurationMs, c.VolunteerId }).ToListAsync();
            var volunteer = all.GroupBy(v => v.VolunteerId).Single(g => g.Count() >= shown.Count).Key;
            var votes = all.Where(v => v.VolunteerId == volunteer).ToList();
            Assert.Equal(shown, votes.Select(v => v.SubjectId));
            Assert.Equal(given, votes.Select(v => v.Answer));
            Assert.Single(votes.Select(v => v.VolunteerId).Distinct());
            Assert.All(votes, v => Assert.True(v.DurationMs is > 0, "time to answer is stored"));
            var goldOfFirst = await db.GoldLabels.Where(g => g.SubjectId == shown[0]).Select(g => g.Label).SingleAsync();
            Assert.Equal([goldOfFirst], feedbackLabels);
        }

        // Screenshots of the classify page for people to look at (desktop here, phone below).
        await page.ScreenshotAsync(new() { Path = Path.Combine(VolunteerBrowserFixture.ScreenshotFolder, "classify-1280.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "My contributions" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("contribution-count")).ToHaveTextAsync("5");
        await Assertions.Expect(page.Locator("table.bar-table")).ToContainTextAsync(DefaultAnswers.Tremor);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Phone_360Wide_EverythingFitsAndAnswersWork()
    {
        var page = await fixture.NewVisitorAsync(width: 360, height: 780, tutorialDone: true);
        await page.GotoAsync("/classify");
        await page.Locator(Ready).WaitForAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img[data-testid=subject-plot]'); return i.complete && i.naturalWidth > 0; }");

        // The phone gets the 360 px plot, and nothing is wider than the screen.
        Assert.Contains("w=360", await page.EvaluateAsync<string>("() => document.querySelector('img[data-testid=subject-plot]').currentSrc"), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "the page scrolls sideways at 360 px");
        await page.GetByRole(AriaRole.Button, new() { Name = "Play sound" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('audio[data-testid=subject-audio]').currentTime > 0.5");
        await page.ScreenshotAsync(new() { Path = Path.Combine(VolunteerBrowserFixture.ScreenshotFolder, "classify-360.png"), FullPage = true });

        var subject = await SubjectIdAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = DefaultAnswers.NoneOfTheAbove }).ClickAsync();
        await WaitForAnswerStoredAsync(page, subject);
        await using var db = await fixture.Db.CreateDbContextAsync();
        Assert.Equal(DefaultAnswers.NoneOfTheAbove, await db.Classifications.Where(c => c.SubjectId == subject).OrderByDescending(c => c.Id).Select(c => c.Answer).FirstAsync());
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task ConnectionLostBetweenClickAndStore_AnswerIsSentAgainAndStoredOnce()
    {
        var page = await fixture.NewVisitorAsync(tutorialDone: true);

        // Route Blazor's WebSocket through the test: the frame that carries the answer is swallowed and the socket
        // closed, as if the network died right after the click. Blazor reconnects (to the same circuit) by itself.
        var dropAnswer = true;
        var dropped = 0;
        await page.RouteWebSocketAsync(new Regex("/_blazor"), ws =>
        {
            var server = ws.ConnectToServer();
            ws.OnMessage(frame =>
            {
                var text = frame.Binary is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : frame.Text ?? string.Empty;
                if (dropAnswer && text.Contains("SubmitFromBrowser", StringComparison.Ordinal))
                {
                    dropAnswer = false;
                    dropped++;
                    _ = ws.CloseAsync();
                    return;
                }

                if (frame.Binary is { } binary)
                {
                    server.Send(binary);
                }
                else
                {
                    server.Send(frame.Text ?? string.Empty);
                }
            });
        });
        await page.GotoAsync("/classify");
        await page.Locator(Ready).WaitForAsync();
        var subject = await SubjectIdAsync(page);
        var key = await page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('quake.classify.current')).key");

        await page.GetByRole(AriaRole.Button, new() { Name = DefaultAnswers.Noise, Exact = true }).ClickAsync();
        Assert.Contains(key, await page.EvaluateAsync<string>("() => sessionStorage.getItem('quake.classify.pending')"), StringComparison.Ordinal);

        await WaitForAnswerStoredAsync(page, subject);
        await page.WaitForFunctionAsync("() => sessionStorage.getItem('quake.classify.pending') === null");
        Assert.Equal(1, dropped);
        await using var db = await fixture.Db.CreateDbContextAsync();
        var votes = await db.Classifications.Where(c => c.SubjectId == subject && c.IdempotencyKey == key).Select(c => c.Answer).ToListAsync();
        Assert.Equal([DefaultAnswers.Noise], votes);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Reload_AfterChoosingAndAfterAnUnacknowledgedAnswer_NothingLostNothingDoubled()
    {
        var page = await fixture.NewVisitorAsync(tutorialDone: true);
        await page.GotoAsync("/classify");
        await page.Locator(Ready).WaitForAsync();
        var first = await SubjectIdAsync(page);

        // A chosen (not yet sent) answer survives a reload: same subject, same choice.
        await page.Keyboard.PressAsync("3");
        await Assertions.Expect(page.Locator("button[data-answer='Noise']")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.ReloadAsync();
        await page.Locator(Ready).WaitForAsync();
        await Assertions.Expect(page.Locator("[data-player=subject]")).ToHaveAttributeAsync("data-subject-id", first.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("button[data-answer='Noise']")).ToHaveAttributeAsync("aria-pressed", "true");

        // An answer the tab kept but the server never acknowledged (the circuit died) is sent by the next page load,
        // once, with its original key; reloading again does not count it twice.
        var key = await page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('quake.classify.current')).key");
        await page.EvaluateAsync("([id, key]) => sessionStorage.setItem('quake.classify.pending', JSON.stringify({ subjectId: id, key, answer: 'Tremor', elapsedMs: 4000 }))", new object[] { first, key });
        await page.ReloadAsync();
        await page.Locator(Ready).WaitForAsync();
        await page.WaitForFunctionAsync("() => sessionStorage.getItem('quake.classify.pending') === null");
        await WaitForAnswerStoredAsync(page, first);
        await page.ReloadAsync();
        await page.Locator(Ready).WaitForAsync();

        await using var db = await fixture.Db.CreateDbContextAsync();
        var volunteer = await db.Classifications.Where(c => c.IdempotencyKey == key).Select(c => c.VolunteerId).SingleAsync();
        var votes = await db.Classifications.Where(c => c.SubjectId == first && c.VolunteerId == volunteer).Select(c => new { c.Answer, c.IdempotencyKey, c.DurationMs }).ToListAsync();
        var vote = Assert.Single(votes);
        Assert.Equal(("Tremor", key), (vote.Answer, vote.IdempotencyKey));
        Assert.InRange(vote.DurationMs ?? 0, 3900, 4500);
        await page.Context.CloseAsync();
    }

    private sealed record Playhead(double Time, double Duration, bool Paused, double Expected, double Actual);
}
