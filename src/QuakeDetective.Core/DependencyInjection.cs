using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Accounts;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Demo;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Exports;
using QuakeDetective.Core.Gold;
using QuakeDetective.Core.Queue;
using QuakeDetective.Core.Results;
using QuakeDetective.Core.Storage;
using QuakeDetective.Core.Volunteering;

namespace QuakeDetective.Core;

public static class DependencyInjection
{
    /// <summary>Database (SQLite or PostgreSQL), data folder, Identity stores, and the domain services on top of them.</summary>
    public static IHostApplicationBuilder AddQuakeData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.SectionName));
        services.AddOptions<StorageOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdminBootstrapOptions>().Bind(builder.Configuration.GetSection(AdminBootstrapOptions.SectionName));
        services.AddSingleton<DataFolder>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddDbContextFactory<QuakeDbContext>((sp, options) =>
            ConfigureProvider(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<DataFolder>()));

        // Keys in the database: cookies and tokens stay valid across restarts, instances, the site and the CLI.
        services.AddDataProtection().SetApplicationName("QuakeDetective").PersistKeysToDbContext<QuakeDbContext>();

        services.AddIdentityCore<QuakeUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<QuakeDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<DemoCampaignSeeder>();
        services.AddSingleton<QuakeDetective.Storage.IBlobStore>(sp => BlobStoreFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<DataFolder>()));
        services.AddSingleton<WaveformStore>();
        services.AddSingleton<SubjectQueue>();
        services.AddSingleton<IQueueRandom>(_ => new SeededQueueRandom(builder.Configuration.GetValue<int?>("Queue:RandomSeed") ?? Random.Shared.Next()));
        services.AddSingleton<QueuePolicy>();
        services.AddSingleton<QueueReservations>();
        services.AddSingleton<SubjectDetailsLookup>();
        services.AddSingleton<GoldFeedbackLookup>();
        services.AddSingleton<ExampleLibrary>();
        services.AddSingleton<ContributionsService>();
        services.AddSingleton<ClassificationService>();
        services.AddOptions<VoteWriterOptions>().Bind(builder.Configuration.GetSection(VoteWriterOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<VoteBatchWriter>();
        services.AddSingleton<VoteWriter>();
        services.AddOptions<ConsensusOptions>().Bind(builder.Configuration.GetSection(ConsensusOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SubjectStatusNotifier>();
        services.AddSingleton<SubjectRetirementService>();
        services.AddSingleton<LiveConsensusUpdater>();
        services.AddSingleton<WeightedPriorCache>();
        services.AddSingleton<DawidSkeneSnapshotStore>();
        services.AddSingleton<ConsensusRecomputer>();
        services.AddSingleton<ConsensusJobs>();
        services.AddSingleton<GoldService>();
        services.AddSingleton<Campaigns.CampaignService>();
        services.AddSingleton<ResultsService>();
        services.AddSingleton<ExportService>();
        services.AddSingleton<ExportJobs>();
        Jobs.JobsRegistration.AddQuakeJobs(services, builder.Configuration);
        services.AddSingleton<VolunteerService>();
        services.AddSingleton<Privacy.PersonalDataExporter>();
        services.AddSingleton<Privacy.PersonalDataEraser>();
        services.AddSingleton<Privacy.ErasedAccounts>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1)); // erased or changed accounts end their sessions on every instance within a minute
        services.AddSingleton<Import.ImportService>();
        services.AddScoped<AdminAccountService>();
        return builder;
    }

    /// <summary>Points a context at the configured provider with that provider's migrations assembly.</summary>
    public static void ConfigureProvider(DbContextOptionsBuilder options, DatabaseOptions database, DataFolder dataFolder)
    {
        if (DatabaseProviders.IsSqlite(database.Provider))
        {
            var connection = string.IsNullOrWhiteSpace(database.ConnectionString)
                ? $"Data Source={dataFolder.DatabasePath};Default Timeout=30;Pooling=True"
                : database.ConnectionString;
            dataFolder.EnsureRootExists();
            options.UseSqlite(connection, o => o.MigrationsAssembly(DatabaseProviders.SqliteMigrationsAssembly));
        }
        else if (DatabaseProviders.IsPostgres(database.Provider))
        {
            options.UseNpgsql(database.ConnectionString, o => o.MigrationsAssembly(DatabaseProviders.PostgresMigrationsAssembly));
        }
        else
        {
            throw new OptionsValidationException(nameof(DatabaseOptions), typeof(DatabaseOptions),
                [$"Database:Provider '{database.Provider}' is not supported. Use '{DatabaseProviders.Sqlite}' or '{DatabaseProviders.Postgres}'."]);
        }
    }

    private static void TryAddSingleton<T>(this IServiceCollection services, T instance)
        where T : class
    {
        if (!services.Any(d => d.ServiceType == typeof(T)))
        {
            services.AddSingleton(instance);
        }
    }
}
