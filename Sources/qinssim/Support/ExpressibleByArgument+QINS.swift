import ArgumentParser
import QINSNumbers

extension RoundingMode: ExpressibleByArgument {}
extension FPINSEncoder: ExpressibleByArgument {}
