using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.ServiceDefaults.Tests.Sla;

public sealed class EscalationChainTests
{
    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_service_chain_names_its_supervisor_at_the_breach_and_the_estate_manager_later()
    {
        var chain = SlaPolicy.SupervisorThenManager(PlatformRoles.SecuritySupervisor, TimeSpan.FromHours(2));

        chain.Should().Equal(
            new EscalationStep(TimeSpan.Zero, PlatformRoles.SecuritySupervisor),
            new EscalationStep(TimeSpan.FromHours(2), PlatformRoles.EstateManager));
        SlaPolicy.SecurityChain(TimeSpan.FromHours(2)).Should().Equal(chain);
        SlaPolicy.FrontDeskChain(TimeSpan.FromHours(2))[0].Role.Should().Be(PlatformRoles.CustomerServiceSupervisor);
    }

    [Fact]
    public void A_security_deadline_escalates_to_the_security_supervisor_then_the_estate_manager()
    {
        var patrol = new SlaPolicy("patrol-round", SlaTimeBasis.Elapsed, TimeSpan.FromMinutes(30), TimeSpan.Zero,
            SlaPolicy.SecurityChain(TimeSpan.FromHours(1)));
        var clock = SlaClock.Start(patrol, Shanghai, T0);

        var steps = clock.Evaluate(patrol, T0.AddHours(2));

        steps.Should().Equal(
            new SlaBreachedAt(T0.AddMinutes(30), T0.AddMinutes(30), PlatformRoles.SecuritySupervisor),
            new SlaEscalatedTo(T0.AddMinutes(90), 2, PlatformRoles.EstateManager));
    }
}
