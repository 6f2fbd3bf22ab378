using PropertyPlatform.Web.Components.Pages.Gate;

namespace PropertyPlatform.Web.Tests;

/// <summary>The guard's scan read on the server: the owner's QR code gives back the pass's code, even from a photo.</summary>
public sealed class PassQrReaderTests
{
    [Fact]
    public void The_owners_QR_code_as_an_image_reads_back_to_the_pass_code()
    {
        var token = PassPhotos.Token();

        PassQrReader.Read(PassPhotos.QrPng(token)).Should().Be(new PassScanResult(PassScan.Read, token));
    }

    [Fact]
    public void A_camera_photo_of_the_QR_code_turned_on_a_grey_background_still_reads()
    {
        var token = PassPhotos.Token();

        PassQrReader.Read(PassPhotos.Photo(token)).Should().Be(new PassScanResult(PassScan.Read, token));
    }

    [Fact]
    public void A_QR_code_on_a_transparent_background_reads_as_it_looks_on_white()
    {
        var token = PassPhotos.Token();

        PassQrReader.Read(PassPhotos.TransparentQrPng(token)).Should().Be(new PassScanResult(PassScan.Read, token));
    }

    [Fact]
    public void A_photo_without_a_QR_code_reads_as_none()
    {
        PassQrReader.Read(PassPhotos.PhotoWithoutQr()).Should().Be(new PassScanResult(PassScan.NoQrCode));
    }

    [Fact]
    public void A_file_that_is_not_a_picture_is_said_to_be_one()
    {
        PassQrReader.Read("GP1.not-a-picture"u8.ToArray()).Should().Be(new PassScanResult(PassScan.NotAnImage));
    }

    [Fact]
    public void A_picture_cut_short_is_not_read_as_a_code_and_does_not_throw()
    {
        var png = PassPhotos.QrPng(PassPhotos.Token());

        PassQrReader.Read(png[..(png.Length / 3)]).Outcome.Should().Be(PassScan.NoQrCode);
    }

    [Fact]
    public void A_file_over_10_MB_is_not_read()
    {
        var large = new byte[PassQrReader.MaxBytes + 1];
        PassPhotos.QrPng(PassPhotos.Token()).CopyTo(large, 0);

        PassQrReader.Read(large).Should().Be(new PassScanResult(PassScan.TooLarge));
    }
}
