using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class RenovationPermitTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static Unit NewUnit(UnitStatus status) => Unit.Register(Guid.NewGuid(), Guid.NewGuid(), "1201", 12, 98.5m, UnitUsage.Residential, status, Now);

    private static RenovationPermit Apply(Unit unit) => RenovationPermit.Apply(
        unit.EstateId, unit.Id, "Good Build Co.", "13900001111", "Kitchen and bathroom", new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31),
        ["Wang Qiang", "Liu Yang"], "clerk", Now);

    [Theory]
    [InlineData(UnitStatus.Occupied)]
    [InlineData(UnitStatus.Vacant)]
    public void Approval_makes_the_unit_a_renovation_site_and_acceptance_gives_it_its_status_back(UnitStatus before)
    {
        var unit = NewUnit(before);
        var permit = Apply(unit);

        permit.Approve(unit, "supervisor", null, Now);
        unit.Status.Should().Be(UnitStatus.Renovating);

        permit.Accept(unit, "supervisor", "All done", Now.AddDays(60));
        unit.Status.Should().Be(before);
        permit.Status.Should().Be(PermitStatus.Accepted);
    }

    [Fact]
    public void Works_whose_latest_inspection_failed_are_not_accepted_until_inspected_again()
    {
        var unit = NewUnit(UnitStatus.Occupied);
        var permit = Apply(unit);
        permit.Approve(unit, "supervisor", null, Now);
        permit.Inspect(false, "Wall opened without approval", "clerk", Now.AddDays(10));

        permit.Invoking(p => p.Accept(unit, "supervisor", "Done", Now.AddDays(20))).Should().Throw<ConflictException>();

        permit.Inspect(true, "Wall restored", "clerk", Now.AddDays(15));
        permit.Accept(unit, "supervisor", "Done", Now.AddDays(20));
        permit.Status.Should().Be(PermitStatus.Accepted);
    }

    [Fact]
    public void Only_an_application_is_decided_and_only_approved_works_are_inspected()
    {
        var unit = NewUnit(UnitStatus.Occupied);
        var permit = Apply(unit);

        permit.Invoking(p => p.Inspect(true, "Fine", "clerk", Now)).Should().Throw<ConflictException>();
        permit.Reject("supervisor", "No structural drawings", Now);

        permit.Invoking(p => p.Approve(unit, "manager", null, Now)).Should().Throw<ConflictException>();
        unit.Status.Should().Be(UnitStatus.Occupied);
    }
}
