using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.ServiceDefaults.Tests.Http;

public sealed class InputErrorsTests
{
    private enum Colour
    {
        Red,
        Green,
    }

    [Theory]
    [InlineData("green", Colour.Green)]
    [InlineData("Red", Colour.Red)]
    public void Enum_names_are_read_case_insensitively(string value, object expected)
    {
        var errors = new InputErrors();

        errors.Enum<Colour>(value, "colour").Should().Be((Colour)expected);
        errors.ThrowIfAny();
    }

    [Fact]
    public void Every_failing_field_is_reported_at_once()
    {
        var errors = new InputErrors();
        errors.Enum<Colour>("blue", "colour");
        errors.Enum<Colour>("1", "shade");
        errors.Enum<Colour>(null, "tint");

        var act = errors.ThrowIfAny;

        act.Should().Throw<ValidationFailedException>().Which.Errors.Keys.Should().BeEquivalentTo(["colour", "shade", "tint"]);
    }
}
