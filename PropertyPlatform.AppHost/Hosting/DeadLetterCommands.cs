using System.Text;
using Microsoft.Extensions.Logging;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Dead letters as commands on the messaging resource in the Aspire dashboard (and for tests, through
/// <see cref="ResourceCommandService"/>): list the error queues, replay one message by id, replay all.
/// </summary>
public static class DeadLetterCommands
{
    public const string List = "dead-letters-list";
    public const string ReplayOne = "dead-letters-replay-one";
    public const string ReplayAll = "dead-letters-replay-all";
    public const string MessageIdArgument = "messageId";

    public static IResourceBuilder<RabbitMQServerResource> WithDeadLetterCommands(this IResourceBuilder<RabbitMQServerResource> builder)
    {
        var broker = builder.Resource;
        var whenHealthy = (UpdateCommandStateContext context) =>
            context.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                ? ResourceCommandState.Enabled
                : ResourceCommandState.Disabled;

        builder.WithCommand(List, "Dead letters: list", async context =>
        {
            var queues = await (await ConnectAsync(broker, context.CancellationToken)).ListAsync(context.CancellationToken);
            var total = queues.Sum(q => (long)q.MessageCount);
            context.Logger.LogInformation("{Count} dead letters in {Queues} error queues", total, queues.Count);
            return CommandResults.Success($"{total} dead letters in {queues.Count} error queues", Describe(queues), CommandResultFormat.Markdown);
        }, new CommandOptions
        {
            Description = "Lists MassTransit's error queues with their messages: id, type and why each failed.",
            IconName = "MailList",
            UpdateState = whenHealthy,
        });

        builder.WithCommand(ReplayOne, "Dead letters: replay one", async context =>
        {
            var messageId = context.Arguments.GetString(MessageIdArgument)?.Trim();
            if (string.IsNullOrEmpty(messageId))
            {
                return CommandResults.Failure("Give the id of the message to replay (see 'Dead letters: list').");
            }

            var replayed = await (await ConnectAsync(broker, context.CancellationToken)).ReplayAsync(messageId, context.CancellationToken);
            if (replayed.Count == 0)
            {
                return CommandResults.Failure($"No dead letter has the id {messageId}.");
            }

            context.Logger.LogInformation("Replayed dead letter {MessageId} to {Queue}", messageId, replayed[0].Queue);
            return CommandResults.Success($"Replayed {messageId} to {replayed[0].Queue}");
        }, new CommandOptions
        {
            Description = "Moves one message from its error queue back to the queue it failed in.",
            IconName = "ArrowRedo",
            UpdateState = whenHealthy,
            Arguments =
            [
                new InteractionInput
                {
                    Name = MessageIdArgument,
                    Label = "Message id",
                    InputType = InputType.Text,
                    Required = true,
                    Placeholder = "the messageId shown by 'Dead letters: list'",
                },
            ],
        });

        builder.WithCommand(ReplayAll, "Dead letters: replay all", async context =>
        {
            var replayed = await (await ConnectAsync(broker, context.CancellationToken)).ReplayAsync(messageId: null, context.CancellationToken);
            var summary = replayed.Count == 0
                ? "No dead letters to replay"
                : "Replayed " + string.Join(", ", replayed.Select(r => $"{r.Count} to {r.Queue}"));
            context.Logger.LogInformation("{Summary}", summary);
            return CommandResults.Success(summary);
        }, new CommandOptions
        {
            Description = "Moves every message of every error queue back to the queue it failed in.",
            ConfirmationMessage = "Replay every dead letter to the queue it failed in?",
            IconName = "ArrowRepeatAll",
            UpdateState = whenHealthy,
        });

        return builder;
    }

    private static async Task<DeadLetters> ConnectAsync(RabbitMQServerResource broker, CancellationToken cancellationToken)
    {
        var connectionString = await broker.ConnectionStringExpression.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException("The broker has no connection string yet.");
        var management = new Uri(await broker.ManagementEndpoint.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException("The broker's management endpoint is not allocated yet."));
        var password = await broker.PasswordParameter.GetValueAsync(cancellationToken) ?? "";
        return new DeadLetters(connectionString, management, password);
    }

    private static string Describe(IReadOnlyList<ErrorQueueContents> queues)
    {
        if (queues.Count == 0)
        {
            return "No error queues: every message was handled.";
        }

        var text = new StringBuilder();
        foreach (var queue in queues)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"### {queue.Name} ({queue.MessageCount}) → {queue.OriginalQueue}");
            text.AppendLine("| message id | type | exception | reason |");
            text.AppendLine("|---|---|---|---|");
            foreach (var message in queue.Messages)
            {
                text.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
                    $"| {Cell(message.MessageId)} | {Cell(message.MessageType)} | {Cell(message.ExceptionType)} | {Cell(message.Reason)} |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Cell(string? value) => (value ?? "").Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
