using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class RegistryImportTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static RegistryImport Queued() => RegistryImport.Queue(Guid.NewGuid(), "registry.csv", 10, "clerk", Guid.NewGuid(), At);

    [Fact]
    public void A_completed_import_is_not_overwritten_as_failed_by_a_late_attempt()
    {
        var import = Queued();
        import.Start(At);
        import.Complete(1, 10, 2, At.AddMinutes(1));

        var failLate = () => import.Fail([new RowError(0, "", "The registry changed while the file was imported.")], At.AddMinutes(2));

        failLate.Should().Throw<InvalidOperationException>();
        (import.Status, import.UnitsCreated, import.Errors.Count).Should().Be((RegistryImportStatus.Completed, 10, 0));
    }

    [Fact]
    public void An_import_completes_or_fails_only_while_running()
    {
        var failed = Queued();
        failed.Start(At);
        failed.Fail([new RowError(2, "floor", "Must be a whole number.")], At.AddMinutes(1));

        var completeQueued = () => Queued().Complete(1, 10, 0, At);
        var failQueued = () => Queued().Fail([], At);
        var completeFailed = () => failed.Complete(1, 10, 0, At.AddMinutes(2));

        completeQueued.Should().Throw<InvalidOperationException>();
        failQueued.Should().Throw<InvalidOperationException>();
        completeFailed.Should().Throw<InvalidOperationException>();
        failed.Status.Should().Be(RegistryImportStatus.Failed);
    }

    [Fact]
    public void An_attempt_that_stops_on_an_error_is_queued_once_more_then_parked()
    {
        var import = Queued();

        import.Start(At);
        import.Stop("the last: TimeoutException", At.AddMinutes(1));
        var afterFirst = import.Status;
        import.Start(At.AddMinutes(2));
        import.Stop("the last: TimeoutException", At.AddMinutes(3));

        afterFirst.Should().Be(RegistryImportStatus.Queued);
        (import.Status, import.Attempts, import.FinishedAt).Should().Be((RegistryImportStatus.Parked, 2, At.AddMinutes(3)));
        import.Errors.Should().ContainSingle().Which.Message.Should().Contain("2 attempts").And.Contain("TimeoutException");
        var startParked = () => import.Start(At.AddMinutes(4));
        startParked.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void An_import_handed_back_at_shutdown_keeps_its_attempts()
    {
        var import = Queued();
        import.Start(At);

        import.Return();

        (import.Status, import.Attempts).Should().Be((RegistryImportStatus.Queued, 0));
    }
}
