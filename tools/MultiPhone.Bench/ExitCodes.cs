namespace MultiPhone.Bench;

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int UnexpectedStatus = 1;
    public const int Usage = 2;
}
