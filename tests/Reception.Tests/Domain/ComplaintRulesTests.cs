using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class ComplaintRulesTests
{
    // Monday 10:00 in Shanghai.
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));

    private static readonly Actor Clerk = new("clerk-1", "Clerk Liu");

    private static readonly Actor Supervisor = new("sup-1", "Supervisor Zhou");

    private static Complaint NewComplaint() => Complaint.Record(
        CustomerRequest.Record(Guid.NewGuid(), Guid.NewGuid(), RequestChannel.Phone, RequestCategory.Complaint, Urgency.Normal,
            "The guard was rude", "Li", "13800001234", "clerk-1", Shanghai, T0, Guid.NewGuid()),
        Clerk);

    [Fact]
    public void Every_step_of_a_complaint_is_recorded_with_who_and_when_in_order()
    {
        var complaint = NewComplaint();
        complaint.Classify(ComplaintKind.Complaint, ComplaintCategory.ServiceAttitude, Clerk, T0.AddMinutes(2));
        complaint.Assign(Department.Security, "Captain Ma", null, Shanghai, Supervisor, T0.AddMinutes(4));
        complaint.AddNote("Talked to the guard", Supervisor, T0.AddHours(1));
        complaint.Resolve("Guard retrained and apologised", Supervisor, T0.AddHours(3));
        complaint.InformResident("Called Ms Li", Clerk, T0.AddHours(4));
        complaint.RecordSatisfaction(4, null, Clerk, T0.AddHours(4));

        complaint.Status.Should().Be(ComplaintStatus.Closed);
        complaint.Satisfied.Should().BeTrue();
        complaint.Steps.Select(s => s.Action).Should().Equal(
            ComplaintAction.Recorded, ComplaintAction.Classified, ComplaintAction.Assigned, ComplaintAction.Note,
            ComplaintAction.Resolved, ComplaintAction.ResidentInformed, ComplaintAction.SatisfactionRecorded);
        complaint.Steps.Select(s => s.Number).Should().BeInAscendingOrder();
        complaint.Steps[2].Should().Match<ComplaintStep>(s => s.By == "sup-1" && s.ByName == "Supervisor Zhou" && s.At == T0.AddMinutes(4));
    }

    [Fact]
    public void Steps_cannot_be_skipped()
    {
        var complaint = NewComplaint();

        var assignUnclassified = () => complaint.Assign(Department.Security, "Ma", null, Shanghai, Supervisor, T0);
        var resolveUnassigned = () => complaint.Resolve("done", Clerk, T0);
        var rateUnresolved = () => complaint.RecordSatisfaction(5, null, Clerk, T0);

        assignUnclassified.Should().Throw<ConflictException>();
        resolveUnassigned.Should().Throw<ConflictException>();
        rateUnresolved.Should().Throw<ConflictException>();
        complaint.Steps.Should().ContainSingle();
    }

    [Fact]
    public void The_deadline_counts_working_hours_in_the_estates_time_zone_and_carries_over_the_weekend()
    {
        var complaint = NewComplaint();
        complaint.Classify(ComplaintKind.Complaint, ComplaintCategory.Noise, Clerk, T0);
        // Friday 16:30 in Shanghai, with 2 working hours: one on Friday, one on Monday from 08:30.
        var friday = new DateTimeOffset(2026, 11, 27, 8, 30, 0, TimeSpan.Zero);

        complaint.Assign(Department.Management, "Manager Sun", TimeSpan.FromHours(2), Shanghai, Supervisor, friday);

        complaint.Resolution!.DueAt.Should().Be(new DateTimeOffset(2026, 11, 30, 1, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Waiting_for_the_resident_stops_the_deadline()
    {
        var complaint = NewComplaint();
        complaint.Classify(ComplaintKind.Complaint, ComplaintCategory.Maintenance, Clerk, T0);
        complaint.Assign(Department.Maintenance, "Wang", TimeSpan.FromHours(4), Shanghai, Supervisor, T0);
        var due = complaint.Resolution!.DueAt;

        complaint.Pause("Owner abroad until Wednesday", Shanghai, Clerk, T0.AddHours(1));
        complaint.Breached(due.AddHours(5)).Should().BeFalse("a paused deadline cannot run out");
        complaint.Resume(Shanghai, Clerk, T0.AddDays(2));

        complaint.Resolution.DueAt.Should().Be(T0.AddDays(2).AddHours(3), "three working hours were left");
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(2, false)]
    public void A_resident_scoring_3_or_more_is_satisfied(int score, bool satisfied)
    {
        var complaint = NewComplaint();
        complaint.Classify(ComplaintKind.Opinion, ComplaintCategory.Cleaning, Clerk, T0);
        complaint.Assign(Department.Cleaning, "Team B", null, Shanghai, Supervisor, T0);
        complaint.Resolve("Stairwell cleaned", Clerk, T0.AddHours(1));
        complaint.InformResident("Told by phone", Clerk, T0.AddHours(2));

        complaint.RecordSatisfaction(score, "ok", Clerk, T0.AddHours(2));

        complaint.Satisfied.Should().Be(satisfied);
    }
}
