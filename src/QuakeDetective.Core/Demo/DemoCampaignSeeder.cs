using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Storage;
using QuakeDetective.Seismic;
using QuakeDetective.Seismic.Synthetic;

namespace QuakeDetective.Core.Demo;

/// <summary>
/// Creates the demo campaign of generated subjects on a database that has no campaigns yet, so a newcomer can
/// classify at once. Idempotent: a database that already has campaigns is left alone.
/// </summary>
public sealed class DemoCampaignSeeder(
    IDbContextFactory<QuakeDbContext> dbFactory,
    WaveformStore waveformStore,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoCampaignSeeder> logger)
{
    private static readonly (SyntheticClass Class, string Label, double Share)[] Mix =
    [
        (SyntheticClass.Earthquake, DefaultAnswers.Earthquake, 0.30),
        (SyntheticClass.Tremor, DefaultAnswers.Tremor, 0.20),
        (SyntheticClass.Noise, DefaultAnswers.Noise, 0.35),
        (SyntheticClass.NoneOfTheAbove, DefaultAnswers.NoneOfTheAbove, 0.15),
    ];

    private static readonly Dictionary<SyntheticClass, string> GoldExplanations = new()
    {
        [SyntheticClass.Earthquake] = "A sharp P arrival, a bigger S arrival a little later, then a coda that dies away smoothly: " +
                                      "it sounds like a thud or a crack followed by rumbling that fades.",
        [SyntheticClass.Tremor] = "No sharp onset: the signal grows slowly, lasts minutes and comes in bursts in the 2–8 Hz band. " +
                                  "It sounds like a distant train or a swarm of bees.",
        [SyntheticClass.Noise] = "Nothing stands out of the background: slow ocean microseism and broadband hiss, perhaps " +
                                 "machinery. It sounds like wind or surf.",
        [SyntheticClass.NoneOfTheAbove] = "An instrument artefact: a step, a flat dropout, a spike or a calibration pulse. " +
                                          "It sounds like a click or a pure tone, not like the ground moving.",
    };

    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("Demo campaign disabled (Demo:Enabled=false)");
            return false;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Campaigns.AnyAsync(cancellationToken))
            {
                return false;
            }
        }

        var started = time.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var campaign = new Campaign
        {
            Name = DemoOptions.CampaignName,
            Description = "Generated seismograms (synthetic but physically plausible) so that you can try the platform at once: " +
                          "earthquakes, tectonic tremor, noise and instrument artefacts, some easy and some hard.",
            IsDemo = true,
            CreatedAt = now,
        };

        var generator = new SyntheticWaveformGenerator();
        var random = new Random(settings.Seed);
        var subjects = new List<Subject>(settings.SubjectCount);
        var goldTaken = Mix.ToDictionary(m => m.Class, _ => 0);
        var gold = new List<(Subject Subject, string Label, string Explanation)>();
        var windowStart = new DateTime(2010, 2, 27, 7, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < settings.SubjectCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pick = PickClass(random.NextDouble());
            var seed = unchecked(settings.Seed * 31 + i);
            var start = windowStart.AddSeconds(i * settings.WindowSeconds);
            var station = $"D{i % 10:D2}";
            var window = generator.Generate(pick.Class, seed, new SyntheticOptions
            {
                SampleRate = settings.SampleRate,
                DurationSeconds = settings.WindowSeconds,
                StartTimeNs = SeismicTime.FromDateTime(start),
                Network = "XX",
                Station = station,
                Location = "00",
                ChannelPrefix = "BH",
            });

            var importKey = $"demo:{settings.Seed}:{i}";
            var path = waveformStore.Save("demo", importKey, window.Traces);
            var vertical = window.Traces[0];
            var subject = new Subject
            {
                Station = vertical.Id.StationKey,
                Channels = string.Join(',', window.Traces.Select(t => t.Id.Channel)),
                WindowStart = vertical.StartUtc,
                WindowEnd = vertical.StartUtc.AddSeconds(vertical.Count / vertical.SampleRate),
                SampleRate = vertical.SampleRate,
                WaveformPath = path,
                SourceFile = "synthetic: " + window.Description,
                ImportKey = importKey,
                TrueLabel = pick.Label,
                CreatedAt = now,
            };
            subjects.Add(subject);
            if (goldTaken[pick.Class] < settings.GoldPerClass)
            {
                goldTaken[pick.Class]++;
                gold.Add((subject, pick.Label, GoldExplanations[pick.Class]));
            }
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.Campaigns.AnyAsync(cancellationToken))
            {
                // Another process seeded first; keep theirs.
                return false;
            }

            campaign.Subjects.AddRange(subjects);
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (subject, label, explanation) in gold)
            {
                db.GoldLabels.Add(new GoldLabel { SubjectId = subject.Id, Label = label, Explanation = explanation, CreatedAt = now });
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Created demo campaign {CampaignName} with {SubjectCount} subjects ({GoldCount} gold) in {ElapsedMs} ms",
            campaign.Name, subjects.Count, gold.Count, (long)time.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }

    private static (SyntheticClass Class, string Label, double Share) PickClass(double u)
    {
        var cumulative = 0.0;
        foreach (var entry in Mix)
        {
            cumulative += entry.Share;
            if (u < cumulative)
            {
                return entry;
            }
        }

        return Mix[^1];
    }
}
