namespace GoMemLab.Tests; public class Placeholder { [Xunit.Fact] public void X() {} }
