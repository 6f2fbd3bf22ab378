using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class KeyCustodyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static CustodyKey PlantRoomKey() => CustodyKey.Register(Guid.NewGuid(), " B1 plant room ", null, "Plant room B1", "clerk-1", Now);

    [Fact]
    public void A_key_opens_either_a_unit_or_a_common_area()
    {
        var neither = () => CustodyKey.Register(Guid.NewGuid(), "Tag 1", null, null, "clerk-1", Now);
        var both = () => CustodyKey.Register(Guid.NewGuid(), "Tag 1", Guid.NewGuid(), "Roof", "clerk-1", Now);

        neither.Should().Throw<ArgumentException>();
        both.Should().Throw<ArgumentException>();
        PlantRoomKey().Label.Should().Be("B1 plant room");
    }

    [Fact]
    public void A_key_that_is_out_cannot_be_issued_again()
    {
        var key = PlantRoomKey();

        var first = key.Issue("Wang the plumber", "Pump repair", Now.AddHours(2), "clerk-1", Now);
        var second = key.Issue("Li the electrician", "Lights", Now.AddHours(3), "clerk-1", Now.AddMinutes(5));

        first.Should().NotBeNull();
        key.IsOut.Should().BeTrue();
        key.CurrentLoanId.Should().Be(first!.Id);
        second.Should().BeNull();
    }

    [Fact]
    public void A_key_must_be_expected_back_after_it_is_issued()
    {
        var issue = () => PlantRoomKey().Issue("Wang", "Pump repair", Now, "clerk-1", Now);

        issue.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Only_an_issued_key_is_returned_and_its_loan_stays_on_record()
    {
        var key = PlantRoomKey();
        var loan = key.Issue("Wang", "Pump repair", Now.AddHours(2), "clerk-1", Now)!;

        key.Return(loan, "clerk-2", " all fine ", Now.AddHours(1)).Should().BeTrue();
        key.Return(loan, "clerk-2", null, Now.AddHours(2)).Should().BeFalse();

        key.IsOut.Should().BeFalse();
        loan.ReturnedAt.Should().Be(Now.AddHours(1));
        loan.ReturnedTo.Should().Be("clerk-2");
        loan.ReturnNote.Should().Be("all fine");
        key.Issue("Li", "Lights", Now.AddHours(5), "clerk-1", Now.AddHours(3)).Should().NotBeNull("a returned key can go out again");
    }

    [Fact]
    public void A_key_is_overdue_only_while_out_past_its_expected_return()
    {
        var key = PlantRoomKey();
        var loan = key.Issue("Wang", "Pump repair", Now.AddHours(2), "clerk-1", Now)!;

        loan.IsOverdue(Now.AddHours(2)).Should().BeFalse();
        loan.IsOverdue(Now.AddHours(2).AddSeconds(1)).Should().BeTrue();
        key.Return(loan, "clerk-1", null, Now.AddHours(3));
        loan.IsOverdue(Now.AddDays(1)).Should().BeFalse();
    }
}
