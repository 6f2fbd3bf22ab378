using System.Globalization;
using Microsoft.Extensions.Options;

namespace PropertyPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Stops the service at start, naming each setting, when an outbox setting is one the dispatcher cannot run with: a
/// count below one or a duration that is not positive would otherwise fail or spin on every dispatch (no publish in
/// flight hangs the batch, a negative one throws; no batch looks again at once forever; no attempts parks every event
/// while the broker is away; a zero poll, timeout or retry delay spins), and a duration past what a timer takes
/// (about 49.7 days) throws where it is used.
/// </summary>
public sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    /// <summary>The longest wait <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> and <see cref="PeriodicTimer"/> accept.</summary>
    public static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        string?[] checks =
        [
            AtLeastOne(nameof(OutboxOptions.BatchSize), options.BatchSize, "the events one look at the outbox publishes"),
            AtLeastOne(nameof(OutboxOptions.MaxPublishesInFlight), options.MaxPublishesInFlight, "the publishes that may wait for the broker's confirm at once"),
            AtLeastOne(nameof(OutboxOptions.MaxAttempts), options.MaxAttempts, "the failed publishes after which an event is parked"),
            Timer(nameof(OutboxOptions.PollInterval), options.PollInterval, "the wait between looks when no commit signals"),
            Timer(nameof(OutboxOptions.PublishTimeout), options.PublishTimeout, "how long one publish may wait for the broker"),
            Positive(nameof(OutboxOptions.MaxRetryDelay), options.MaxRetryDelay, "the longest wait before a failed batch is retried"),
            Positive(nameof(OutboxOptions.Retention), options.Retention,
                "how long sent events and inbox records are kept; a message whose inbox record is gone would be handled again"),
            Timer(nameof(OutboxOptions.PruneInterval), options.PruneInterval, "the wait between prunes"),
        ];
        var failures = checks.OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? AtLeastOne(string setting, int value, string what) =>
        value >= 1 ? null : Failure(setting, value, "at least 1", what);

    private static string? Positive(string setting, TimeSpan value, string what) =>
        value > TimeSpan.Zero ? null : Failure(setting, value, "more than zero", what);

    private static string? Timer(string setting, TimeSpan value, string what) =>
        value > TimeSpan.Zero && value <= LongestTimer ? null : Failure(setting, value, $"more than zero and at most {LongestTimer:c}", what);

    private static string Failure(string setting, object value, string rule, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{OutboxOptions.ConfigurationSection}:{setting} is {value}: it must be {rule} ({what}).");
}
