namespace GoMemLab.Interactive; public static class Placeholder {}
