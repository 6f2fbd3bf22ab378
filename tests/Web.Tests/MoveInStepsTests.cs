using PropertyPlatform.Web.Components.Pages.Desk.MoveIn;

namespace PropertyPlatform.Web.Tests;

public sealed class MoveInStepsTests
{
    [Theory]
    [InlineData("unitId", MoveInSteps.Unit)]
    [InlineData("movedInOn", MoveInSteps.Unit)]
    [InlineData("residents", MoveInSteps.Residents)]
    [InlineData("residents[2].phone", MoveInSteps.Residents)]
    [InlineData("documentsChecked", MoveInSteps.Handover)]
    [InlineData("keysHandedOver", MoveInSteps.Handover)]
    [InlineData("meterReadings.water", MoveInSteps.Handover)]
    [InlineData("handoverNotes", MoveInSteps.Handover)]
    [InlineData("somethingNew", MoveInSteps.Review)]
    public void Each_of_receptions_fields_belongs_to_the_step_that_holds_it(string field, int step) =>
        MoveInSteps.StepOf(field).Should().Be(step);

    [Fact]
    public void Field_errors_send_the_clerk_back_to_the_first_step_with_one() =>
        MoveInSteps.FirstWithErrors(["meterReadings.water", "residents[0].fullName"]).Should().Be(MoveInSteps.Residents);
}
