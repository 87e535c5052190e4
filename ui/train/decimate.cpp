#include "train/decimate.h"

#include <algorithm>

namespace smolify::ui {

QList<QPointF> decimateMinMax(const QList<QPointF> &points, int maxPoints) {
    maxPoints = std::max(maxPoints, 4);
    const qsizetype n = points.size();
    if (n <= maxPoints) return points;

    // Two points per bucket, and the first and last point kept on their own.
    const qsizetype buckets = (maxPoints - 2) / 2;
    const qsizetype inner = n - 2;
    QList<QPointF> out;
    out.reserve(maxPoints);
    out.append(points.front());
    // Buckets by index, not by x: metrics come one per step (or per evaluation interval), so equal
    // index ranges are equal step ranges, and a bucket is never empty.
    for (qsizetype b = 0; b < buckets; ++b) {
        const qsizetype begin = 1 + inner * b / buckets;
        const qsizetype end = 1 + inner * (b + 1) / buckets;
        if (begin >= end) continue;
        qsizetype lo = begin, hi = begin;
        for (qsizetype i = begin + 1; i < end; ++i) {
            if (points[i].y() < points[lo].y()) lo = i;
            if (points[i].y() > points[hi].y()) hi = i;
        }
        if (lo == hi) {
            out.append(points[lo]);
        } else {
            out.append(points[std::min(lo, hi)]);
            out.append(points[std::max(lo, hi)]);
        }
    }
    out.append(points.back());
    return out;
}

}  // namespace smolify::ui
