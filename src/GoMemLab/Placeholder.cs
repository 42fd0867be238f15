namespace GoMemLab; public static class Placeholder {}
