using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Identity.Tests;

public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("13812341234", "138****1234")]
    [InlineData("+8613812341234", "+86****1234")]
    [InlineData("12345", "****")]
    [InlineData(null, null)]
    public void Phone_numbers_keep_their_first_three_and_last_four_characters(string? phone, string? masked) =>
        PersonalData.MaskPhone(phone).Should().Be(masked);
}
