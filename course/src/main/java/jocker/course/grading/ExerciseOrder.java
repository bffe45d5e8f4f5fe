package jocker.course.grading;

import java.util.Comparator;

/** Orders exercise ids like "1.2" and "1.10" part by part, numerically where both parts are numbers. */
enum ExerciseOrder implements Comparator<String> {
    INSTANCE;

    @Override
    public int compare(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int c = left[i].matches("\\d{1,9}") && right[i].matches("\\d{1,9}")
                    ? Integer.compare(Integer.parseInt(left[i]), Integer.parseInt(right[i]))
                    : left[i].compareTo(right[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.length, right.length);
    }
}
